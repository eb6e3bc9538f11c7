package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.launcher.SqlClientLauncher;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        orders = LocalSystem.seedShop(stack, 10, 40, 2);
        LocalSystem.seedData(stack, "events", "--count", "60", "--rate", "1000", "--malformed", "0.2", "--seed", "2");
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
        String output = cleanOutput(log);
        assertThat(output).as(script + " output").doesNotContain("[ERROR]");
        return output;
    }

    @Test
    void ordersByStatus(LocalServers stack) throws Exception {
        String output = sqlClient(stack, "examples/01-orders-by-status.sql");
        assertThat(output).contains("order_status").contains("orders");
        // every order of the seed is counted under some status
        assertThat(countedOrders(output, "\\|\\s+[a-z_]+\\s+\\|\\s+\\d+\\s+\\|.*")).isEqualTo(orders);
    }

    /** The first ad hoc query, typed without any SET: seven counts at most, not a changelog. */
    @Test
    void anAdHocQueryOfTheReadModelPrintsItsFinalAnswer(LocalServers stack) throws Exception {
        Path script = Files.writeString(stack.workDir().resolve("ad-hoc.sql"),
                "SELECT order_status, COUNT(*) AS orders FROM rm_order_details GROUP BY order_status;\n");
        String output = sqlClient(stack, script.toString());
        assertThat(output).doesNotContain("| op |").doesNotContainPattern("\\|\\s+[+-][IUD]\\s+\\|");
        assertThat(countedOrders(output, "\\|\\s+[a-z_]+\\s+\\|\\s+\\d+\\s+\\|")).isEqualTo(orders);
    }

    /** The sum of the counts (second column) in the result's rows that match {@code row}. */
    private static long countedOrders(String output, String row) {
        return output.lines().filter(l -> l.matches(row))
                .mapToLong(l -> Long.parseLong(l.split("\\|")[2].trim())).sum();
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

    /**
     * The live example stays open: its changelog settles on the read model's counts per status, follows an event
     * that moves order 1 to another status (-U/+U), and is then ended, as a user ends it with Ctrl-C.
     */
    @Test
    void liveOrdersByStatusFollowsAnEvent(LocalServers stack) throws Exception {
        String script = "examples/05-live-orders-by-status.sql";
        Path log = stack.workDir().resolve("logs/sql-client-05-live.log");
        Files.deleteIfExists(log);
        ChildProcess client = ChildProcess.start("sql-client live", JavaCommand.of(System.getProperty("java.class.path"),
                        SqlClientLauncher.class.getName()).args("-f", LocalSystem.SQL_DIR.resolve(script).toString()).build(),
                stack.workDir(), log, Map.of("LOCAL_SERVERS_DIR", endpoints.toString(),
                        "SQL_DIR", LocalSystem.SQL_DIR.resolve("flink").toString()));
        try (Connection pg = stack.postgres().connectAsApi();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            Map<String, Long> before = awaitChangelogEqualsReadModel(log, pg);

            String from = LocalSystem.text(pg, "SELECT order_status FROM order_details WHERE order_id = 1");
            String to = from.equals("cancelled") ? "delivered" : "cancelled";
            producer.send(new ProducerRecord<>(KafkaBroker.ORDER_UPDATES, "1", """
                    {"event_id": "%s", "order_id": 1, "status": "%s", "source": "sql-client-test", "event_time": "%s"}"""
                    .formatted(UUID.randomUUID(), to, Instant.now().truncatedTo(ChronoUnit.MILLIS)))).get();
            await("order 1 " + to + " in the read model").atMost(Duration.ofSeconds(60))
                    .until(() -> to.equals(LocalSystem.text(pg, "SELECT order_status FROM order_details WHERE order_id = 1")));
            Map<String, Long> after = awaitChangelogEqualsReadModel(log, pg);

            assertThat(after.getOrDefault(to, 0L)).isEqualTo(before.getOrDefault(to, 0L) + 1);
            assertThat(after.getOrDefault(from, 0L)).isEqualTo(before.get(from) - 1);
            assertThat(cleanOutput(log)).containsPattern("\\|\\s+-U\\s+\\|\\s+" + from + "\\s+\\|")
                    .doesNotContain("[ERROR]");
        } finally {
            client.stop();
            // the query's job outlives an embedded client that is stopped: end it as its user would in the dashboard
            FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                if ("RUNNING".equals(job.path("state").asText()) && !job.path("jid").asText().equals(jobId)) {
                    rest.cancel(job.path("jid").asText());
                }
            }
        }
    }

    /** Waits until the example's changelog, applied row by row, holds the read model's counts per status. */
    private static Map<String, Long> awaitChangelogEqualsReadModel(Path log, Connection pg) {
        AtomicReference<Map<String, Long>> live = new AtomicReference<>();
        await("the live changelog settles on the read model's counts").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    live.set(changelogState(cleanOutput(log)));
                    return live.get().equals(countsByStatus(pg));
                });
        return live.get();
    }

    /** {@code | +I | created | 5 |} rows applied in order: +I/+U set a status's count, -U/-D remove it. */
    private static Map<String, Long> changelogState(String output) {
        Map<String, Long> state = new TreeMap<>();
        Matcher row = Pattern.compile("\\|\\s+([+-][IUD])\\s+\\|\\s+(\\S+)\\s+\\|\\s+(\\d+)\\s+\\|").matcher(output);
        while (row.find()) {
            if (row.group(1).startsWith("+")) {
                state.put(row.group(2), Long.parseLong(row.group(3)));
            } else {
                state.remove(row.group(2));
            }
        }
        return state;
    }

    private static Map<String, Long> countsByStatus(Connection pg) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = pg.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_status, COUNT(*) FROM order_details GROUP BY order_status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String cleanOutput(Path log) throws Exception {
        return Files.readString(log).replaceAll("\u001B\\[[;\\d]*m", "");
    }

    @Test
    void everyExampleIsCovered() throws Exception {
        try (var files = Files.list(LocalSystem.SQL_DIR.resolve("examples"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(List.of(
                    "01-orders-by-status.sql", "02-order-details.sql", "03-write-model-snapshot.sql", "04-dead-letters.sql",
                    "05-live-orders-by-status.sql"));
        }
    }
}
