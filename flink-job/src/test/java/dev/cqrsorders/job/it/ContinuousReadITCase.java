package dev.cqrsorders.job.it;

import dev.cqrsorders.stack.KafkaBroker;
import dev.cqrsorders.stack.LocalStackTest;
import dev.cqrsorders.stack.MariaDbServer;
import dev.cqrsorders.stack.PostgresServer;
import dev.cqrsorders.stack.Server;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads order_details continuously while user, address, item, order and event updates flow, the way an API client
 * would, and records every order that vanishes from a read and every status that moves back to an older timestamp.
 */
@LocalStackTest({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class ContinuousReadITCase {
    private static final int USERS = 20;
    private static final int ORDERS = 200;
    private static final List<String> LIFECYCLE = List.of(RandomHistory.STATUSES);

    @Test
    void noOrderVanishesNoStatusMovesBackNoJoinedPartGoesMissing(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        try (JobFixture fixture = JobFixture.create("it_continuous", mysql, kafka, postgres)) {
            seed(fixture);
            // -Dit.extra.args="--transient-hold 0ms" shows what the test catches without the stabilizer's guard
            fixture.startJob(System.getProperty("it.extra.args", "--settle 200ms").split(" "));
            await("all orders visible").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> fixture.orderDetails().size() == ORDERS);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            Map<Long, String> vanished = new ConcurrentHashMap<>();
            Map<Long, String> regressions = new ConcurrentHashMap<>();
            Map<Long, String> glitches = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> read(fixture, writing, reads, vanished, regressions, glitches), "reader");
            reader.start();
            long writes = write(fixture, Duration.ofSeconds(25));
            // let the last changes arrive while still reading
            String lastName = "Renamed " + (writes - 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.orderDetails().values().stream()
                    .anyMatch(r -> r.get("user_name") != null && r.get("user_name").startsWith("Renamed")));
            writing.set(false);
            reader.join();

            assertThat(writes).as("updates written").isGreaterThan(500);
            assertThat(reads.get()).as("full reads of all orders").isGreaterThan(50);
            assertThat(vanished).as("orders missing from a read although they exist").isEmpty();
            assertThat(regressions).as("statuses that moved back to an older timestamp").isEmpty();
            assertThat(glitches).as("rows briefly without their user, address or items").isEmpty();
            System.out.printf("continuous read: %d writes, %d full reads%n", writes, reads.get());
            assertThat(lastName).isNotBlank();
        }
    }

    private static void seed(JobFixture fixture) throws Exception {
        try (Connection c = fixture.mysql(); Statement s = c.createStatement()) {
            for (int u = 1; u <= USERS; u++) {
                s.addBatch("INSERT INTO users VALUES (" + u + ", 'User " + u + "', 'u" + u + "@example.com', NULL, NOW(3), NOW(3))");
                s.addBatch("INSERT INTO addresses VALUES (" + u + ", " + u + ", '" + u + " Main St', 'City', 'ST', '1000" + u
                        + "', 'Country', NOW(3))");
            }
            for (int o = 1; o <= ORDERS; o++) {
                int u = 1 + o % USERS;
                s.addBatch("INSERT INTO orders VALUES (" + o + ", " + u + ", " + u
                        + ", 10.00, 'created', '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')");
                s.addBatch("INSERT INTO order_items VALUES (" + o + ", " + o + ", 'Item " + o + "', 1, 10.00)");
            }
            s.executeBatch();
        }
    }

    /** Random updates of every kind that re-renders orders, but no deletes of orders; returns how many. */
    private static long write(JobFixture fixture, Duration duration) throws Exception {
        Random random = new Random(11);
        long deadline = System.nanoTime() + duration.toNanos();
        long count = 0;
        LocalDateTime clock = LocalDateTime.parse("2026-11-01T00:00:00");
        long nextItem = ORDERS + 1;
        try (Connection c = fixture.mysql(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                int order = 1 + random.nextInt(ORDERS);
                clock = clock.plusSeconds(1 + random.nextInt(5));
                switch (random.nextInt(7)) {
                    case 0 -> s.execute("UPDATE users SET name = 'Renamed " + count + "' WHERE user_id = " + (1 + random.nextInt(USERS)));
                    case 1 -> s.execute("UPDATE addresses SET street = '" + count + " New St' WHERE address_id = " + (1 + random.nextInt(USERS)));
                    case 2 -> s.execute("INSERT INTO order_items VALUES (" + (nextItem++) + ", " + order + ", 'Extra', 1, 1.00)");
                    case 3 -> s.execute("DELETE FROM order_items WHERE order_id = " + order + " AND item_id > " + ORDERS);
                    case 4 -> s.execute("UPDATE orders SET total = total + 1 WHERE order_id = " + order);
                    case 5 -> s.execute("UPDATE orders SET status = 'received', updated_at = '"
                            + RandomHistory.SQL_TIME.format(clock) + "' WHERE order_id = " + order);
                    default -> fixture.send(Integer.toString(order), "{\"event_id\":\"c" + count + "\",\"order_id\":" + order
                            + ",\"status\":\"" + LIFECYCLE.get(1 + random.nextInt(6)) + "\",\"source\":\"kitchen\",\"event_time\":\""
                            + RandomHistory.EVENT_TIME.format(clock) + "\"}");
                }
                count++;
            }
        }
        fixture.flush();
        return count;
    }

    private static void read(JobFixture fixture, AtomicBoolean writing, AtomicLong reads,
                             Map<Long, String> vanished, Map<Long, String> regressions, Map<Long, String> glitches) {
        Map<Long, String> lastSeen = new HashMap<>();
        try (Connection c = fixture.postgres(); Statement s = c.createStatement()) {
            while (writing.get()) {
                Map<Long, String> seen = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT order_id, to_char(last_order_update, 'YYYY-MM-DD HH24:MI:SS.MS'), "
                        + "order_status, user_name, full_address, item_count FROM order_details")) {
                    while (rs.next()) {
                        // every order has a user, an address and its first item throughout
                        if (rs.getString(4) == null || rs.getString(5) == null || rs.getInt(6) == 0) {
                            glitches.put(rs.getLong(1), rs.getString(4) + " | " + rs.getString(5) + " | " + rs.getInt(6));
                        }
                        seen.put(rs.getLong(1), rs.getString(2) + " " + (char) ('0' + LIFECYCLE.indexOf(rs.getString(3))));
                    }
                }
                for (long id = 1; id <= ORDERS; id++) {
                    String now = seen.get(id);
                    String before = lastSeen.get(id);
                    if (now == null) {
                        vanished.put(id, "missing after " + before);
                    } else if (before != null && now.compareTo(before) < 0) {
                        regressions.put(id, before + " -> " + now);
                    }
                    if (now != null) {
                        lastSeen.put(id, now);
                    }
                }
                reads.incrementAndGet();
            }
        } catch (Exception e) {
            vanished.put(-1L, "reader failed: " + e);
        }
    }
}
