package dev.cqrsorders.system;

import dev.cqrsorders.stack.ChildProcess;
import dev.cqrsorders.stack.Credentials;
import dev.cqrsorders.stack.FlinkRestClient;
import dev.cqrsorders.stack.JavaCommand;
import dev.cqrsorders.stack.LocalStack;
import dev.cqrsorders.stack.Ports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The built jars and the local servers, used the way ./run-local.sh uses them. */
final class LocalSystem {
    static final Path JOB_JAR = Path.of("..", "flink-job", "target", "cqrs-orders-flink-job.jar").toAbsolutePath();
    static final Path SEED_JAR = Path.of("..", "seed-data", "target", "seed-data.jar").toAbsolutePath();
    static final Path SQL_DIR = Path.of("..", "sql").toAbsolutePath();

    private LocalSystem() {}

    static Map<String, String> seedDataEnvironment(LocalStack stack) {
        Credentials c = stack.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("MYSQL_HOST", Ports.LOOPBACK);
        env.put("MYSQL_PORT", Integer.toString(stack.mariaDb().port()));
        env.put("MYSQL_USER", c.mysqlAppUser());
        env.put("MYSQL_PASSWORD", c.mysqlAppPassword());
        env.put("MYSQL_ADMIN_USER", c.mysqlAdminUser());
        env.put("MYSQL_ADMIN_PASSWORD", c.mysqlAdminPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        return env;
    }

    /** Runs the seed-data jar (schema, seed, events ...) and fails with its output if it does not exit 0. */
    static void seedData(LocalStack stack, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-jar", SEED_JAR.toString()));
        command.addAll(List.of(args));
        ChildProcess.start("seed-data " + args[0], command, stack.workDir(),
                stack.workDir().resolve("logs/seed-data-" + args[0] + "-" + System.nanoTime() + ".log"),
                seedDataEnvironment(stack)).awaitSuccess(600);
    }

    /** The program arguments ./run-local.sh gives the job. */
    static List<String> jobArguments(LocalStack stack) {
        Credentials c = stack.credentials();
        return List.of("--mysql-host", Ports.LOOPBACK, "--mysql-port", Integer.toString(stack.mariaDb().port()),
                "--mysql-cdc-user", c.mysqlCdcUser(), "--mysql-cdc-password", c.mysqlCdcPassword(),
                "--kafka-bootstrap-servers", stack.kafka().bootstrapServers(),
                "--postgres-url", stack.postgres().jdbcUrl(),
                "--postgres-user", c.postgresOwner(), "--postgres-password", c.postgresOwnerPassword(),
                "--checkpoint-interval", "2s", "--parallelism", "2");
    }

    /** Uploads the real job jar and runs it with the dashboard's request body; returns the job id once RUNNING. */
    static String submitJob(LocalStack stack) {
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        String jarId = rest.uploadJar(JOB_JAR);
        String jobId = rest.runJar(jarId, "dev.cqrsorders.job.OrderDetailsJob", 2, jobArguments(stack));
        rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(120));
        return jobId;
    }

    static long count(Connection connection, String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** endpoints.properties as ./run-local.sh writes it, so ./sql-client.sh's launcher finds this system. */
    static Path writeEndpoints(LocalStack stack, Path dir) throws Exception {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("mysql.port", Integer.toString(stack.mariaDb().port()));
        p.setProperty("kafka.bootstrap", stack.kafka().bootstrapServers());
        p.setProperty("postgres.url", stack.postgres().jdbcUrl());
        p.setProperty("flink.rest.port", Integer.toString(stack.flink().restPort()));
        p.setProperty("flink.conf.dir", stack.flink().confDir().toAbsolutePath().toString());
        p.setProperty("api.port", "0");
        p.setProperty("job.jar", JOB_JAR.toString());
        try (var out = Files.newBufferedWriter(dir.resolve("endpoints.properties"))) {
            p.store(out, "system-tests");
        }
        return dir;
    }

    static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
