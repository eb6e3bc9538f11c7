package dev.cqrsorders.job;

import org.apache.flink.api.java.utils.ParameterTool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the job, from program arguments ({@code --name value}). The defaults are docker-compose's
 * host names and the contract's local-development credentials; {@link #usage()} lists them.
 */
public record JobConfig(
        String mysqlHost, int mysqlPort, String mysqlDatabase, String mysqlCdcUser, String mysqlCdcPassword,
        String kafkaBootstrapServers, String orderUpdatesTopic, String dlqTopic, String kafkaGroupId,
        String postgresUrl, String postgresUser, String postgresPassword, boolean migrate,
        Duration checkpointInterval, String checkpointDir, String stateBackend, int restartAttempts, Duration restartDelay,
        Duration miniBatchLatency, Duration settle, Duration deleteGrace, Duration transientHold, int parallelism,
        String jobName) {

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("mysql-host", "mysql");
        d.put("mysql-port", "3306");
        d.put("mysql-database", "shop");
        d.put("mysql-cdc-user", "flink_cdc");
        d.put("mysql-cdc-password", "flink_cdc");
        d.put("kafka-bootstrap-servers", "kafka:9092");
        d.put("order-updates-topic", "order_updates");
        d.put("dlq-topic", "order_updates_dlq");
        d.put("kafka-group-id", "cqrs-orders-order-details");
        d.put("postgres-url", "jdbc:postgresql://postgres:5432/readmodel");
        d.put("postgres-user", "readmodel");
        d.put("postgres-password", "readmodel");
        d.put("migrate", "true");
        d.put("checkpoint-interval", "10s");
        d.put("checkpoint-dir", "");
        d.put("state-backend", "hashmap");
        d.put("restart-attempts", "10");
        d.put("restart-delay", "10s");
        d.put("mini-batch-latency", "0");
        d.put("settle", "200ms");
        d.put("delete-grace", "3s");
        d.put("transient-hold", "2s");
        d.put("parallelism", "0");
        d.put("job-name", "cqrs-orders: order_details read model");
        return d;
    }

    public static JobConfig fromArgs(String... args) {
        ParameterTool params = ParameterTool.fromArgs(args);
        for (String key : params.toMap().keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
            }
        }
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(params.toMap());
        String backend = v.get("state-backend").toLowerCase();
        if (!Set.of("hashmap", "rocksdb").contains(backend)) {
            throw new IllegalArgumentException("--state-backend must be hashmap or rocksdb, not " + backend);
        }
        return new JobConfig(
                v.get("mysql-host"), port(v, "mysql-port"), v.get("mysql-database"), v.get("mysql-cdc-user"),
                v.get("mysql-cdc-password"),
                v.get("kafka-bootstrap-servers"), v.get("order-updates-topic"), v.get("dlq-topic"),
                v.get("kafka-group-id"),
                v.get("postgres-url"), v.get("postgres-user"), v.get("postgres-password"),
                Boolean.parseBoolean(v.get("migrate")),
                duration(v, "checkpoint-interval"), v.get("checkpoint-dir").trim(), backend, integer(v, "restart-attempts"),
                duration(v, "restart-delay"), duration(v, "mini-batch-latency"), duration(v, "settle"),
                duration(v, "delete-grace"),
                duration(v, "transient-hold"),
                integer(v, "parallelism"),
                v.get("job-name"));
    }

    /** The PostgreSQL URL the JDBC sinks use: jsonb from strings, one multi-row statement per batch. */
    public String sinkJdbcUrl() {
        String separator = postgresUrl.contains("?") ? "&" : "?";
        return postgresUrl + separator + "stringtype=unspecified&reWriteBatchedInserts=true";
    }

    public static String usage() {
        StringBuilder out = new StringBuilder("options (default):\n");
        DEFAULTS.forEach((k, d) -> out.append("  --").append(k).append(" (").append(d).append(")\n"));
        return out.toString();
    }

    private static int port(Map<String, String> v, String key) {
        int port = integer(v, key);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--" + key + " must be a port (1-65535), not " + port);
        }
        return port;
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not '" + v.get(key) + "'");
        }
    }

    private static Duration duration(Map<String, String> v, String key) {
        String text = v.get(key).trim().toLowerCase();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("min")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 3)));
            }
            return Duration.ofMillis(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a duration like 500ms, 10s or 1min, not '"
                    + v.get(key) + "'");
        }
    }
}
