package dev.cqrsorders.job.it;

import dev.cqrsorders.stack.KafkaBroker;
import dev.cqrsorders.stack.LocalStackTest;
import dev.cqrsorders.stack.MariaDbServer;
import dev.cqrsorders.stack.PostgresServer;
import dev.cqrsorders.stack.Server;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/**
 * Measures the job on the real servers and prints its figures (no thresholds; results go to docs/flink-job.md):
 * snapshot rate, events/s through Kafka → validation → status → joins → stabilizer → PostgreSQL, end-to-end
 * latency of an event and of a MySQL update until PostgreSQL shows it, and checkpointed state per order.
 * Run: {@code mvn -B -pl flink-job verify -Pbenchmark [-Dbench.orders=20000 -Dbench.events=200000 -Dbench.backend=rocksdb]}
 */
@LocalStackTest({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class OrderDetailsBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 20_000);
    private static final int EVENTS = Integer.getInteger("bench.events", 200_000);
    private static final String BACKEND = System.getProperty("bench.backend", "hashmap");
    private static final String[] STATUSES = {"received", "preparing", "ready", "picked_up", "delivered"};

    @Test
    void measure(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        try (JobFixture fixture = JobFixture.create("bench_" + BACKEND, mysql, kafka, postgres)) {
            seed(fixture);
            long start = System.nanoTime();
            fixture.startJob("--state-backend", BACKEND, "--checkpoint-interval", "10s");
            try (Connection pg = fixture.postgres()) {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(pg, "SELECT COUNT(*) FROM order_details") == ORDERS);
            }
            double snapshotSeconds = seconds(start);
            report("snapshot: %d orders (%d rows of 4 tables) in PostgreSQL %.1f s after submission: %.0f orders/s",
                    ORDERS, ORDERS * 4 + ORDERS / 10 * 2, snapshotSeconds, ORDERS / snapshotSeconds);

            throughput(fixture);
            eventLatency(fixture);
            mysqlLatency(fixture);

            long checkpoint = fixture.latestCheckpointId();
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.latestCheckpointId() > checkpoint);
            long bytes = fixture.latestCheckpointStateSize();
            report("state (%s backend): %d bytes checkpointed for %d orders = %.0f bytes per order", BACKEND, bytes,
                    ORDERS, bytes / (double) ORDERS);
        }
    }

    private static void seed(JobFixture fixture) throws Exception {
        try (Connection c = fixture.mysql(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int users = ORDERS / 10;
            for (int u = 1; u <= users; u++) {
                s.addBatch("INSERT INTO users VALUES (" + u + ", 'User " + u + "', 'user" + u + "@example.com', '+1-555-" + u
                        + "', NOW(3), NOW(3))");
                s.addBatch("INSERT INTO addresses VALUES (" + u + ", " + u + ", '" + u + " Main St', 'Springfield', 'IL', '6"
                        + u + "', 'USA', NOW(3))");
            }
            for (int o = 1; o <= ORDERS; o++) {
                int u = 1 + o % users;
                s.addBatch("INSERT INTO orders VALUES (" + o + ", " + u + ", " + u
                        + ", 25.00, 'created', '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')");
                s.addBatch("INSERT INTO order_items VALUES (" + (2 * o) + ", " + o + ", 'Widget', 2, 10.00), ("
                        + (2 * o + 1) + ", " + o + ", 'Gadget', 1, 5.00)");
                if (o % 1000 == 0) {
                    s.executeBatch();
                    c.commit();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }

    /** EVENTS events as fast as one producer sends them; done when every order shows its newest event. */
    private static void throughput(JobFixture fixture) throws Exception {
        Random random = new Random(1);
        LocalDateTime base = LocalDateTime.parse("2026-11-02T00:00:00");
        Map<Long, LocalDateTime> newest = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            long order = 1 + random.nextInt(ORDERS);
            LocalDateTime at = base.plusNanos(random.nextInt(86_400_000) * 1_000_000L);
            newest.merge(order, at, (a, b) -> a.isAfter(b) ? a : b);
            fixture.send(Long.toString(order), "{\"event_id\":\"b" + i + "\",\"order_id\":" + order + ",\"status\":\""
                    + STATUSES[random.nextInt(STATUSES.length)] + "\",\"source\":\"bench\",\"event_time\":\""
                    + RandomHistory.EVENT_TIME.format(at) + "\"}");
        }
        fixture.flush();
        double sendSeconds = seconds(start);
        try (Connection pg = fixture.postgres(); PreparedStatement q = pg.prepareStatement(
                "SELECT order_id, last_order_update FROM order_details WHERE last_order_update >= '2026-11-02'")) {
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int done = 0;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        LocalDateTime expected = newest.get(rs.getLong(1));
                        if (expected != null && expected.equals(rs.getTimestamp(2).toLocalDateTime())) {
                            done++;
                        }
                    }
                }
                return done == newest.size();
            });
        }
        double total = seconds(start);
        report("throughput: %d events over %d orders sent in %.1f s; all applied in PostgreSQL after %.1f s: %.0f events/s",
                EVENTS, newest.size(), sendSeconds, total, EVENTS / total);
    }

    /** One event every 50 ms, each making a different order newer; time until PostgreSQL shows it. */
    private static void eventLatency(JobFixture fixture) throws Exception {
        List<Long> millis = new ArrayList<>();
        LocalDateTime at = LocalDateTime.parse("2026-11-20T00:00:00");
        try (Connection pg = fixture.postgres(); PreparedStatement q = pg.prepareStatement(
                "SELECT last_order_update FROM order_details WHERE order_id = ?")) {
            for (int i = 0; i < 100; i++) {
                long order = 1 + i * (ORDERS / 100);
                LocalDateTime time = at.plusSeconds(i);
                long sent = System.nanoTime();
                fixture.send(Long.toString(order), "{\"event_id\":\"lat" + i + "\",\"order_id\":" + order
                        + ",\"status\":\"delivered\",\"source\":\"bench\",\"event_time\":\"" + RandomHistory.EVENT_TIME.format(time) + "\"}");
                fixture.flush();
                millis.add(awaitValue(q, order, time, sent));
            }
        }
        report("latency event -> PostgreSQL (100 events, one at a time): %s", percentiles(millis));
    }

    /** An order status change in MySQL until PostgreSQL shows it (binlog → CDC → joins → stabilizer → JDBC). */
    private static void mysqlLatency(JobFixture fixture) throws Exception {
        List<Long> millis = new ArrayList<>();
        LocalDateTime at = LocalDateTime.parse("2026-11-25T00:00:00");
        try (Connection my = fixture.mysql(); Connection pg = fixture.postgres(); PreparedStatement q = pg.prepareStatement(
                "SELECT last_order_update FROM order_details WHERE order_id = ?"); Statement s = my.createStatement()) {
            for (int i = 0; i < 100; i++) {
                long order = 7 + i * (ORDERS / 100);
                LocalDateTime time = at.plusSeconds(i);
                long sent = System.nanoTime();
                s.execute("UPDATE orders SET status = 'cancelled', updated_at = '" + RandomHistory.SQL_TIME.format(time)
                        + "' WHERE order_id = " + order);
                millis.add(awaitValue(q, order, time, sent));
            }
        }
        report("latency MySQL update -> PostgreSQL (100 updates, one at a time): %s", percentiles(millis));
    }

    private static long awaitValue(PreparedStatement q, long order, LocalDateTime expected, long since) throws Exception {
        while (true) {
            q.setLong(1, order);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && expected.equals(rs.getTimestamp(1).toLocalDateTime())) {
                    return (System.nanoTime() - since) / 1_000_000;
                }
            }
            if ((System.nanoTime() - since) > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("order " + order + " not updated after 60 s");
            }
            Thread.sleep(5);
        }
    }

    private static String percentiles(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.95)], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)],
                Arrays.stream(sorted).max().orElse(0));
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println("BENCHMARK " + String.format(format, args));
    }
}
