package dev.cqrsorders.job;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's program arguments ({@code --name value}) as Flink {@link ConfigOption}s: typed, with defaults and
 * descriptions ({@link #usage()}). Durations take Flink's forms: {@code 500 ms}, {@code 10s}, {@code 5 min}, {@code 1h}.
 * The defaults are docker-compose's host names and the contract's local-development credentials.
 */
public final class JobOptions {
    public static final ConfigOption<String> MYSQL_HOST = string("mysql-host", "mysql", "MySQL host of the write model.");
    public static final ConfigOption<Integer> MYSQL_PORT = ConfigOptions.key("mysql-port").intType().defaultValue(3306)
            .withDescription("MySQL port.");
    public static final ConfigOption<String> MYSQL_DATABASE = string("mysql-database", "shop", "The write model's database.");
    public static final ConfigOption<String> MYSQL_CDC_USER = string("mysql-cdc-user", "flink_cdc",
            "MySQL user with the CDC grants only.");
    public static final ConfigOption<String> MYSQL_CDC_PASSWORD = string("mysql-cdc-password", "flink_cdc",
            "Its password (or the environment variable MYSQL_CDC_PASSWORD).");
    public static final ConfigOption<String> MYSQL_SERVER_ID = string("mysql-server-id", "5300-5309",
            "Replica server ids of the CDC source (a range at least as large as the parallelism; unique per MySQL).");
    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = string("kafka-bootstrap-servers", "kafka:9092",
            "Kafka bootstrap servers.");
    public static final ConfigOption<String> ORDER_UPDATES_TOPIC = string("order-updates-topic", "order_updates",
            "The status events topic.");
    public static final ConfigOption<String> DLQ_TOPIC = string("dlq-topic", "order_updates_dlq",
            "Where invalid order_updates records go.");
    public static final ConfigOption<MemorySize> DLQ_MAX_RECORD_SIZE = ConfigOptions.key("dlq-max-record-size")
            .memoryType().defaultValue(MemorySize.parse("2 mb")).withDescription("Largest dead-letter record (key, "
                    + "value and headers); at most the dead-letter topic's max.message.bytes. Larger than order_updates' "
                    + "limit (1 MB by default), so every record read from it fits with its reason; a larger one keeps "
                    + "the start of its value and says so (header dlq.truncated).");
    public static final ConfigOption<String> DLQ_TRANSACTIONAL_ID_PREFIX = string("dlq-transactional-id-prefix",
            "cqrs-orders-order-updates-dlq", "Prefix of the dead-letter producer's Kafka transactions, unique per job on "
                    + "a cluster: dead letters are committed with each checkpoint, exactly once (read them with "
                    + "isolation.level=read_committed).");
    public static final ConfigOption<String> KAFKA_GROUP_ID = string("kafka-group-id", "cqrs-orders-order-details",
            "Consumer group (offsets are committed at checkpoints, for monitoring).");
    public static final ConfigOption<String> POSTGRES_URL = string("postgres-url",
            "jdbc:postgresql://postgres:5432/readmodel", "JDBC URL of the read model.");
    public static final ConfigOption<String> POSTGRES_USER = string("postgres-user", "readmodel_writer",
            "The role the job writes the read model with: SELECT, INSERT, UPDATE, DELETE, no DDL.");
    public static final ConfigOption<String> POSTGRES_PASSWORD = string("postgres-password", "readmodel_writer",
            "Its password (or the environment variable READMODEL_WRITER_PASSWORD).");
    public static final ConfigOption<Boolean> MIGRATE = ConfigOptions.key("migrate").booleanType().defaultValue(true)
            .withDescription("Apply the read model's Flyway migrations (as the owner role) before the job starts.");
    public static final ConfigOption<String> POSTGRES_OWNER_USER = string("postgres-owner-user", "readmodel",
            "The read model's owner role: used by --migrate only, in main; the job's operators never get it.");
    public static final ConfigOption<String> POSTGRES_OWNER_PASSWORD = string("postgres-owner-password", "readmodel",
            "Its password (or the environment variable READMODEL_OWNER_PASSWORD).");
    public static final ConfigOption<Duration> POSTGRES_TIMEOUT = duration("postgres-timeout", Duration.ofSeconds(60),
            "Socket timeout of every PostgreSQL call; connections time out after 10 s.");
    public static final ConfigOption<Duration> POSTGRES_RETRY = duration("postgres-retry", Duration.ofSeconds(60),
            "How long a write retries an unavailable PostgreSQL before the job restarts.");
    public static final ConfigOption<Integer> SINK_BATCH_ROWS = ConfigOptions.key("sink-batch-rows").intType()
            .defaultValue(5000).withDescription("Rows per PostgreSQL transaction at most (a batch is whatever arrived "
                    + "while the previous one was written).");
    public static final ConfigOption<Duration> EMPTY_ITEMS_HOLD = duration("empty-items-hold", Duration.ofSeconds(2),
            "How long an order without items is held back (usually a moment between inserting an order and its items).");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = duration("checkpoint-interval",
            Duration.ofSeconds(10), "Checkpoint interval.");
    public static final ConfigOption<Boolean> UNALIGNED_CHECKPOINTS = ConfigOptions.key("unaligned-checkpoints")
            .booleanType().defaultValue(false).withDescription("Checkpoint barriers overtake the records in flight "
                    + "(stored with the checkpoint) instead of each operator waiting for the barrier on all its inputs.");
    public static final ConfigOption<String> CHECKPOINT_DIR = string("checkpoint-dir", "",
            "Checkpoint directory (URI); empty: the cluster's execution.checkpointing.dir.");
    public static final ConfigOption<String> STATE_BACKEND = string("state-backend", "rocksdb",
            "rocksdb (state on local disk within managed memory, incremental checkpoints: state may outgrow the heap) "
                    + "or hashmap (state on the heap, full checkpoints: faster while the state is small).");
    public static final ConfigOption<Integer> ROCKSDB_LEVEL0_COMPACTION_TRIGGER = ConfigOptions
            .key("rocksdb-level0-compaction-trigger").intType().defaultValue(16).withDescription("With the rocksdb "
                    + "state backend: level-0 files (each checkpoint adds one per column family) RocksDB gathers before "
                    + "it merges them into level 1; RocksDB's default of 4 rewrites level 1 every few checkpoints.");
    public static final ConfigOption<Duration> BUFFER_TIMEOUT = duration("buffer-timeout", Duration.ofMillis(20),
            "How long a network buffer of the order_updates path waits to fill before it is sent (the MySQL path "
                    + "sends each change at once).");
    public static final ConfigOption<Duration> MYSQL_POLL_INTERVAL = duration("mysql-poll-interval",
            Duration.ofMillis(100), "How often the binlog reader hands new changes to Flink when fewer than a batch wait.");
    public static final ConfigOption<Duration> MYSQL_SNAPSHOT_POLL_INTERVAL = duration("mysql-snapshot-poll-interval",
            Duration.ofMillis(10), "The same for the initial snapshot's readers: each chunk's last rows, and Flink "
                    + "CDC's closing of the chunk's reader, wait this long once.");
    public static final ConfigOption<Integer> MYSQL_SNAPSHOT_CHUNK_SIZE = ConfigOptions.key("mysql-snapshot-chunk-size")
            .intType().defaultValue(8096).withDescription("Rows per chunk of the initial snapshot (Flink CDC's "
                    + "scan.incremental.snapshot.chunk.size): the unit a reader reads and reads again after a failover.");
    public static final ConfigOption<Duration> MYSQL_HEARTBEAT_INTERVAL = duration("mysql-heartbeat-interval",
            Duration.ofMillis(500), "How often the binlog reader reports how far it has read and the job asks MySQL "
                    + "where its binlog ends, also when no shop table changes: the resolution of the MySQL lag in "
                    + "GET /freshness.");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism").intType().defaultValue(0)
            .withDescription("Parallelism of every operator; 0: the cluster's default.");
    public static final ConfigOption<String> JOB_NAME = string("job-name", "cqrs-orders: order_details read model",
            "The job's name in the dashboard.");

    private JobOptions() {}

    /**
     * Passwords may come from the environment instead of the arguments (Kubernetes Secrets, so they need not sit in
     * the job's arguments); an argument wins.
     */
    static final Map<String, String> PASSWORDS_FROM_ENVIRONMENT = Map.of(
            "mysql-cdc-password", "MYSQL_CDC_PASSWORD",
            "postgres-password", "READMODEL_WRITER_PASSWORD",
            "postgres-owner-password", "READMODEL_OWNER_PASSWORD");

    /** Parses {@code --name value} arguments; an unknown name or a value of the wrong type is an error. */
    public static Configuration fromArgs(String... args) {
        return fromArgs(System.getenv(), args);
    }

    static Configuration fromArgs(Map<String, String> environment, String... args) {
        Map<String, String> values = new HashMap<>(ParameterTool.fromArgs(args).toMap());
        PASSWORDS_FROM_ENVIRONMENT.forEach((option, variable) -> {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                values.putIfAbsent(option, value);
            }
        });
        Map<String, ConfigOption<?>> known = new HashMap<>();
        all().forEach(o -> known.put(o.key(), o));
        for (Map.Entry<String, String> e : values.entrySet()) {
            ConfigOption<?> option = known.get(e.getKey());
            if (option == null) {
                throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + usage());
            }
            if ("__NO_VALUE_KEY".equals(e.getValue())) {
                if (!option.defaultValue().getClass().equals(Boolean.class)) {
                    throw new IllegalArgumentException("option --" + e.getKey() + " needs a value");
                }
                e.setValue("true");
            }
        }
        Configuration config = Configuration.fromMap(values);
        for (ConfigOption<?> option : all()) {
            try {
                config.get(option);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + option.key() + ": " + e.getMessage(), e);
            }
        }
        int port = config.get(MYSQL_PORT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--mysql-port must be a port (1-65535), not " + port);
        }
        int chunk = config.get(MYSQL_SNAPSHOT_CHUNK_SIZE);
        if (chunk < 2) {
            // as Flink CDC's SQL connector checks it (its DataStream builder does not)
            throw new IllegalArgumentException("--mysql-snapshot-chunk-size must be at least 2, not " + chunk);
        }
        int level0 = config.get(ROCKSDB_LEVEL0_COMPACTION_TRIGGER);
        if (level0 < 1) {
            throw new IllegalArgumentException("--rocksdb-level0-compaction-trigger must be at least 1, not " + level0);
        }
        String backend = config.get(STATE_BACKEND);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new IllegalArgumentException("--state-backend must be hashmap or rocksdb, not " + backend);
        }
        return config;
    }

    public static String usage() {
        StringBuilder out = new StringBuilder("options (default):\n");
        for (ConfigOption<?> o : all()) {
            Object value = o.defaultValue();
            String shown = value instanceof Duration d ? TimeUtils.formatWithHighestUnit(d) : String.valueOf(value);
            out.append("  --").append(o.key()).append(" (").append(shown).append(")  ")
                    .append(((TextElement) o.description().getBlocks().get(0)).getFormat()).append('\n');
        }
        return out.toString();
    }

    static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : JobOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    private static ConfigOption<String> string(String key, String defaultValue, String description) {
        return ConfigOptions.key(key).stringType().defaultValue(defaultValue).withDescription(description);
    }

    private static ConfigOption<Duration> duration(String key, Duration defaultValue, String description) {
        return ConfigOptions.key(key).durationType().defaultValue(defaultValue).withDescription(description);
    }
}
