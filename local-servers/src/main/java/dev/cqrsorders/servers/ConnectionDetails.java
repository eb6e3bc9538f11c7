package dev.cqrsorders.servers;

import java.util.List;
import java.util.Map;

/** Human-readable connection details of a running stack, as the CLI and the launcher print them. */
public final class ConnectionDetails {
    private ConnectionDetails() {}

    public static String describe(LocalServers stack) {
        StringBuilder out = new StringBuilder();
        Credentials c = stack.credentials();
        Map<Server, Long> started = stack.startMillis();
        if (started.containsKey(Server.MARIADB)) {
            MariaDbServer db = stack.mariaDb();
            out.append(line("MariaDB", started.get(Server.MARIADB), "mysql -h 127.0.0.1 -P " + db.port()
                    + " -u " + c.mysqlAppUser() + " -p" + c.mysqlAppPassword() + " " + c.mysqlDatabase()
                    + "   (CDC user " + c.mysqlCdcUser() + ", DDL user " + c.mysqlAdminUser() + ")"));
        }
        if (started.containsKey(Server.KAFKA)) {
            out.append(line("Kafka", started.get(Server.KAFKA), "bootstrap 127.0.0.1:" + stack.kafka().port()
                    + "   topics " + KafkaBroker.ORDER_UPDATES + ", " + KafkaBroker.ORDER_UPDATES_DLQ));
        }
        if (started.containsKey(Server.POSTGRES)) {
            PostgresServer pg = stack.postgres();
            out.append(line("PostgreSQL", started.get(Server.POSTGRES), pg.jdbcUrl() + "   owner "
                    + c.postgresOwner() + ", read-only " + c.postgresApiUser()));
        }
        if (started.containsKey(Server.FLINK)) {
            List<String> metrics = stack.flink().metricsUrls();
            out.append(line("Flink", started.get(Server.FLINK), "dashboard " + stack.flink().restUrl() + "/"
                    + "   Prometheus " + metrics.get(0) + (metrics.size() > 1 ? " … " + metrics.get(metrics.size() - 1) : "")));
        }
        return out.toString();
    }

    private static String line(String name, long millis, String detail) {
        return String.format("  %-11s %-8s %s%n", name, "(" + String.format("%.1f", millis / 1000.0) + " s)", detail);
    }
}
