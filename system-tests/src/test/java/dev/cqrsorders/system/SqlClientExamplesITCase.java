package dev.cqrsorders.system;

import dev.cqrsorders.launcher.SqlClientLauncher;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every example in sql/examples run by ./sql-client.sh's launcher — the real Flink SQL client 1.20, embedded mode,
 * against the local session cluster with the job running — checking the rows and that no statement failed (the
 * SQL client exits 0 even after an [ERROR], so the output is what tells).
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class SqlClientExamplesITCase {
    private static String jobId;
    private static long orders;
    private static Path endpoints;

    @BeforeAll
    static void runningSystem(LocalServers stack) throws Exception {
        LocalSystem.seedData(stack, "schema");
        LocalSystem.seedData(stack, "seed", "--users", "10", "--orders", "40", "--seed", "2");
        LocalSystem.seedData(stack, "events", "--count", "60", "--rate", "1000", "--malformed", "0.2", "--seed", "2");
        try (Connection mysql = stack.mariaDb().connectAsApp("shop")) {
            orders = LocalSystem.count(mysql, "SELECT COUNT(*) FROM orders");
        }
        jobId = LocalSystem.submitJob(stack);
        try (Connection pg = stack.postgres().connectAsApi()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details") == orders);
        }
        endpoints = LocalSystem.writeEndpoints(stack, stack.workDir().resolve("sql-client-it"));
    }

    @AfterAll
    static void cancel(LocalServers stack) {
        if (jobId != null) {
            new FlinkRestClient(stack.flink().restUrl()).cancel(jobId);
        }
    }

    private static String sqlClient(LocalServers stack, String script) throws Exception {
        Path log = stack.workDir().resolve("logs/sql-client-" + Path.of(script).getFileName() + ".log");
        String classpath = System.getProperty("java.class.path");
        ChildProcess client = ChildProcess.start("sql-client " + script,
                JavaCommand.of(classpath, SqlClientLauncher.class.getName())
                        .args("-f", LocalSystem.SQL_DIR.resolve(script).toString()).build(),
                stack.workDir(), log, Map.of("LOCAL_SERVERS_DIR", endpoints.toString(),
                        "SQL_DIR", LocalSystem.SQL_DIR.resolve("flink").toString()));
        client.awaitSuccess(300);
        String output = Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "");
        assertThat(output).as(script + " output").doesNotContain("[ERROR]");
        return output;
    }

    @Test
    void ordersByStatus(LocalServers stack) throws Exception {
        String output = sqlClient(stack, "examples/01-orders-by-status.sql");
        assertThat(output).contains("order_status").contains("orders");
        // every order of the seed is counted under some status
        long counted = output.lines().filter(l -> l.matches("\\|\\s+[a-z_]+\\s+\\|\\s+\\d+\\s+\\|.*"))
                .mapToLong(l -> Long.parseLong(l.split("\\|")[2].trim())).sum();
        assertThat(counted).isEqualTo(orders);
    }

    @Test
    void orderDetails(LocalServers stack) throws Exception {
        String output = sqlClient(stack, "examples/02-order-details.sql");
        assertThat(output).contains("order_items_details").contains("5 rows in set");
        assertThat(output).containsPattern("\\|\\s+1\\s+\\|");
    }

    @Test
    void writeModelSnapshotMatchesTheReadModel(LocalServers stack) throws Exception {
        String output = sqlClient(stack, "examples/03-write-model-snapshot.sql");
        assertThat(output).containsPattern("\\|\\s+" + orders + "\\s+\\|\\s+" + orders + "\\s+\\|");
    }

    @Test
    void deadLetters(LocalServers stack) throws Exception {
        String output = sqlClient(stack, "examples/04-dead-letters.sql");
        assertThat(output).contains("reason").containsPattern("\\|\\s+\\S.*\\|\\s+\\d+\\s+\\|");
    }

    @Test
    void everyExampleIsCovered() throws Exception {
        try (var files = Files.list(LocalSystem.SQL_DIR.resolve("examples"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(List.of(
                    "01-orders-by-status.sql", "02-order-details.sql", "03-write-model-snapshot.sql", "04-dead-letters.sql"));
        }
    }
}
