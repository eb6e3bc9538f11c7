package dev.cqrsorders.launcher;

import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Ports;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the product's programs are pointed at a running {@link LocalServers}: the job's arguments, seed-data's and
 * serving-api's environments.
 */
public final class ProductWiring {
    public static final String JOB_CLASS = "dev.cqrsorders.job.OrderDetailsJob";

    private ProductWiring() {}

    /** The job's program arguments (see its JobOptions) for this stack, parallelism 2. */
    public static List<String> jobArguments(LocalServers stack, Duration checkpointInterval) {
        Credentials c = stack.credentials();
        return List.of(
                "--mysql-host", Ports.LOOPBACK, "--mysql-port", Integer.toString(stack.mariaDb().port()),
                "--mysql-database", c.mysqlDatabase(),
                "--mysql-cdc-user", c.mysqlCdcUser(), "--mysql-cdc-password", c.mysqlCdcPassword(),
                "--kafka-bootstrap-servers", stack.kafka().bootstrapServers(),
                "--postgres-url", stack.postgres().jdbcUrl(),
                "--postgres-user", c.postgresWriter(), "--postgres-password", c.postgresWriterPassword(),
                "--postgres-owner-user", c.postgresOwner(), "--postgres-owner-password", c.postgresOwnerPassword(),
                "--checkpoint-interval", checkpointInterval.toMillis() + "ms", "--parallelism", "2");
    }

    /** The environment seed-data reads its servers and logins from. */
    public static Map<String, String> seedDataEnvironment(LocalServers stack) {
        Credentials c = stack.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("MYSQL_HOST", Ports.LOOPBACK);
        env.put("MYSQL_PORT", Integer.toString(stack.mariaDb().port()));
        env.put("MYSQL_DATABASE", c.mysqlDatabase());
        env.put("MYSQL_USER", c.mysqlAppUser());
        env.put("MYSQL_PASSWORD", c.mysqlAppPassword());
        env.put("MYSQL_ADMIN_USER", c.mysqlAdminUser());
        env.put("MYSQL_ADMIN_PASSWORD", c.mysqlAdminPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        return env;
    }

    /** The environment serving-api reads: its port, the read model as the SELECT-only role, order_updates' broker. */
    public static Map<String, String> servingApiEnvironment(LocalServers stack, int apiPort) {
        Credentials c = stack.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("API_PORT", Integer.toString(apiPort));
        env.put("API_HOST", Ports.LOOPBACK);
        env.put("DATASOURCE_URL", stack.postgres().jdbcUrl());
        env.put("DATASOURCE_USERNAME", c.postgresApiUser());
        env.put("DATASOURCE_PASSWORD", c.postgresApiPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        return env;
    }
}
