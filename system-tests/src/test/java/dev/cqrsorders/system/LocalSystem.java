package dev.cqrsorders.system;

import dev.cqrsorders.launcher.ProductWiring;
import dev.cqrsorders.launcher.SystemEndpoints;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.LocalServers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The built jars and the local servers, used the way ./run-local.sh uses them. */
final class LocalSystem {
    static final Path JOB_JAR = Path.of("..", "flink-job", "target", "cqrs-orders-flink-job.jar").toAbsolutePath();
    static final Path SEED_JAR = Path.of("..", "seed-data", "target", "seed-data.jar").toAbsolutePath();
    static final Path SQL_DIR = Path.of("..", "sql").toAbsolutePath();

    private LocalSystem() {}

    /** Runs the seed-data jar (schema, seed, events ...) and fails with its output if it does not exit 0. */
    static void seedData(LocalServers stack, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-jar", SEED_JAR.toString()));
        command.addAll(List.of(args));
        ChildProcess.start("seed-data " + args[0], command, stack.workDir(),
                stack.workDir().resolve("logs/seed-data-" + args[0] + "-" + System.nanoTime() + ".log"),
                ProductWiring.seedDataEnvironment(stack)).awaitSuccess(600);
    }

    /** The shop schema and {@code users} users with {@code orders} orders more; returns how many orders MySQL holds. */
    static long seedShop(LocalServers stack, int users, int orders, int seed) throws Exception {
        seedData(stack, "schema");
        seedData(stack, "seed", "--users", Integer.toString(users), "--orders", Integer.toString(orders),
                "--seed", Integer.toString(seed));
        try (Connection mysql = stack.mariaDb().connectAsApp("shop")) {
            return count(mysql, "SELECT COUNT(*) FROM orders");
        }
    }

    /** Uploads the real job jar and runs it with the dashboard's request body; returns the job id once RUNNING. */
    static String submitJob(LocalServers stack) {
        return submitJob(stack, null);
    }

    /** The same, restoring the job's state from a savepoint or retained checkpoint (null: without state). */
    static String submitJob(LocalServers stack, String savepointPath) {
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        String jarId = rest.uploadJar(JOB_JAR);
        String jobId = rest.runJar(jarId, ProductWiring.JOB_CLASS, 2, ProductWiring.jobArguments(stack, Duration.ofSeconds(2)),
                savepointPath);
        rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(120));
        return jobId;
    }

    static long count(Connection connection, String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection connection, String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** endpoints.properties as ./run-local.sh writes it, so ./sql-client.sh's launcher finds this system. */
    static Path writeEndpoints(LocalServers stack, Path dir) {
        SystemEndpoints.of(stack, JOB_JAR).write(dir);
        return dir;
    }
}
