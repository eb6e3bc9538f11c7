package dev.cqrsorders.launcher;

import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.JavaCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens the real Flink SQL client (embedded mode) against the session cluster ./run-local.sh started, with the
 * job's catalog loaded from the repository's sql/flink files: the CDC source tables, order_updates, the views and
 * the PostgreSQL read-model tables. Connection options are pointed at the local servers with ALTER TABLE, each CDC
 * table gets its own server-id range (a second binlog reader with the job's server id would disconnect the job),
 * and the read model is read as the SELECT-only API role. Any extra arguments (e.g. {@code -f file.sql}) go to
 * the SQL client.
 */
public final class SqlClientLauncher {
    static final List<String> CATALOG_FILES = List.of("00-functions.sql", "01-cdc-sources.sql",
            "02-order-updates-source.sql", "client/02-order-updates-valid.sql", "03-views.sql", "04-sinks.sql");
    private static final List<String> CDC_TABLES = List.of("shop_users", "shop_addresses", "shop_orders", "shop_order_items");
    private static final List<String> JDBC_TABLES = List.of("rm_order_details", "rm_users", "rm_addresses", "rm_orders");

    private SqlClientLauncher() {}

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(System.getenv().getOrDefault("LOCAL_SERVERS_DIR", ".local-servers"));
        Path sqlDir = Path.of(System.getenv().getOrDefault("SQL_DIR", "sql/flink"));
        SystemEndpoints endpoints;
        try {
            endpoints = SystemEndpoints.read(workDir);
        } catch (IllegalStateException e) {
            System.err.println("sql-client: " + e.getMessage());
            System.exit(1);
            return;
        }
        Path clientDir = Files.createDirectories(workDir.resolve("sql-client"));
        Path conf = Files.createDirectories(clientDir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), clientConfig(endpoints));
        Files.writeString(conf.resolve("log4j-cli.properties"), LOG4J.formatted(clientDir.resolve("sql-client.log")));
        Path init = clientDir.resolve("init-" + ProcessHandle.current().pid() + ".sql");
        Files.writeString(init, initScript(sqlDir, endpoints, Credentials.fromEnvironment()));
        init.toFile().deleteOnExit();

        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.add("-Xmx1g");
        command.addAll(FlinkCluster.JAVA_17_OPTS);
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties"));
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(clientDir.resolve("tmp")));
        command.add("-cp");
        // the job jar (functions, connectors) goes in with -j, so it is also shipped with every query to the cluster
        command.add(JavaCommand.recordedClasspath("flink"));
        command.add("org.apache.flink.table.client.SqlClient");
        command.addAll(List.of("embedded", "-i", init.toString(), "-j", endpoints.jobJar().toString(),
                "-hist", clientDir.resolve("history").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        builder.environment().put("FLINK_PLUGINS_DIR", Files.createDirectories(clientDir.resolve("plugins")).toString());
        if (!List.of(args).contains("-f")) {
            System.out.println(BANNER);
        }
        Process client = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(client::destroy));
        System.exit(client.waitFor());
    }

    static final String BANNER = """
            Batch mode: queries of the read model (rm_order_details, rm_orders, rm_users, rm_addresses) print their \
            final answer.
            To watch the CDC tables and views (shop_*, order_details_view ...) change live:
              SET 'execution.runtime-mode' = 'streaming';   (example: sql/examples/05-live-orders-by-status.sql)
            """;

    /** The client's own log goes to a file, as bin/sql-client.sh does; the terminal shows only the session. */
    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = FileAppender
            logger.yarn.name = org.apache.flink.client.cli.CliFrontend
            logger.yarn.level = ERROR
            appender.file.name = FileAppender
            appender.file.type = FILE
            appender.file.append = true
            appender.file.fileName = %s
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %%d{yyyy-MM-dd HH:mm:ss,SSS} %%-5p %%-60c %%x - %%m%%n
            """;

    static String clientConfig(SystemEndpoints endpoints) {
        return """
                # written by ./sql-client.sh: statements run on the local session cluster
                execution.target: remote
                rest.address: 127.0.0.1
                rest.port: %s
                jobmanager.rpc.address: 127.0.0.1
                parallelism.default: 1
                sql-client.execution.result-mode: tableau
                # a streaming query of the CDC tables switches to the binlog at a checkpoint
                execution.checkpointing.interval: 2 s
                sql-client.display.max-column-width: 60
                """.formatted(endpoints.flinkRestPort());
    }

    static String initScript(Path sqlDir, SystemEndpoints endpoints, Credentials credentials) throws IOException {
        StringBuilder sql = new StringBuilder("-- generated by ./sql-client.sh from ").append(sqlDir).append('\n');
        for (String file : CATALOG_FILES) {
            sql.append("\n-- ").append(file).append('\n').append(Files.readString(sqlDir.resolve(file))).append('\n');
            if (file.equals("01-cdc-sources.sql")) {
                int base = 6000 + ThreadLocalRandom.current().nextInt(500) * 100;
                for (int i = 0; i < CDC_TABLES.size(); i++) {
                    sql.append(alter(CDC_TABLES.get(i), "hostname", "127.0.0.1", "port", Integer.toString(endpoints.mysqlPort()),
                            "server-id", (base + i * 10) + "-" + (base + i * 10 + 9)));
                }
            } else if (file.equals("02-order-updates-source.sql")) {
                sql.append(alter("order_updates_raw", "properties.bootstrap.servers", endpoints.kafkaBootstrap(),
                        "properties.group.id", "cqrs-orders-sql-client"));
            } else if (file.equals("04-sinks.sql")) {
                for (String table : JDBC_TABLES) {
                    sql.append(alter(table, "url", endpoints.postgresUrl(),
                            "username", credentials.postgresApiUser(), "password", credentials.postgresApiPassword()));
                }
                sql.append(alter("order_updates_dlq", "properties.bootstrap.servers", endpoints.kafkaBootstrap()));
            }
        }
        // after the views (a batch session refuses views over unbounded tables): a query of the read model (rm_*)
        // prints its final answer; SET 'execution.runtime-mode' = 'streaming'; watches the CDC tables change
        return sql.append("\nSET 'execution.runtime-mode' = 'batch';\n").toString();
    }

    private static String alter(String table, String... options) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(table).append(" SET (");
        for (int i = 0; i < options.length; i += 2) {
            sql.append(i == 0 ? "" : ", ").append('\'').append(options[i]).append("' = '")
                    .append(options[i + 1].replace("'", "''")).append('\'');
        }
        return sql.append(");\n").toString();
    }
}
