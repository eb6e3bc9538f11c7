package dev.cqrsorders.job.it;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
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
 * would, and records every order that vanishes from a read, every status that moves back to an older timestamp and
 * every row briefly without its user, address or items — while the TaskManager is killed mid-run and the job
 * restores its last checkpoint and replays from there. At the end every row equals the write model.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class ContinuousReadITCase {
    private static final int USERS = 20;
    private static final int ORDERS = 200;
    private static final List<String> LIFECYCLE = List.of(RandomHistory.STATUSES);

    @Test
    void noOrderVanishesNoStatusMovesBackNoJoinedPartGoesMissing(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        try (JobFixture fixture = JobFixture.create("it_continuous", mysql, kafka, postgres)) {
            seed(fixture);
            // -Dit.extra.args="--empty-items-hold 0ms" shows what the test catches without the hold of empty orders
            String extra = System.getProperty("it.extra.args", "");
            fixture.startJob(extra.isBlank() ? new String[0] : extra.split(" "));
            await("all orders visible").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> fixture.orderDetails().size() == ORDERS);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            Map<Long, String> vanished = new ConcurrentHashMap<>();
            Map<Long, String> regressions = new ConcurrentHashMap<>();
            Map<Long, String> glitches = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> read(fixture, writing, reads, vanished, regressions, glitches), "reader");
            reader.start();
            Map<Long, Long> statusKeys = new ConcurrentHashMap<>();
            Thread failover = new Thread(() -> {
                try {
                    // a few checkpoints into the run, and again later
                    Thread.sleep(8_000);
                    fixture.restartTaskManager();
                    Thread.sleep(9_000);
                    fixture.restartTaskManager();
                } catch (Exception e) {
                    vanished.put(-2L, "failover failed: " + e);
                }
            }, "failover");
            failover.start();
            long writes = write(fixture, Duration.ofSeconds(25), statusKeys);
            failover.join();
            // keep reading until the read model has caught up with the write model
            await("read model equals the write model after the failovers").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> differences(fixture, statusKeys).isEmpty());
            writing.set(false);
            reader.join();

            await("two failovers reported").atMost(Duration.ofSeconds(20)).until(() -> fixture.failures() >= 2);
            assertThat(writes).as("updates written").isGreaterThan(500);
            assertThat(reads.get()).as("full reads of all orders").isGreaterThan(50);
            assertThat(vanished).as("orders missing from a read although they exist").isEmpty();
            assertThat(regressions).as("statuses that moved back to an older timestamp").isEmpty();
            assertThat(glitches).as("rows briefly without their user, address or items").isEmpty();
            System.out.printf("continuous read: %d writes, %d full reads, 2 TaskManager kills%n", writes, reads.get());
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
    private static long write(JobFixture fixture, Duration duration, Map<Long, Long> statusKeys) throws Exception {
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
                    case 5 -> {
                        s.execute("UPDATE orders SET status = 'received', updated_at = '"
                                + RandomHistory.SQL_TIME.format(clock) + "' WHERE order_id = " + order);
                        statusKeys.merge((long) order, StatusKeys.key("received", clock), Math::max);
                    }
                    default -> {
                        String status = LIFECYCLE.get(1 + random.nextInt(6));
                        fixture.send(Integer.toString(order), "{\"event_id\":\"c" + count + "\",\"order_id\":" + order
                                + ",\"status\":\"" + status + "\",\"source\":\"kitchen\",\"event_time\":\""
                                + RandomHistory.EVENT_TIME.format(clock) + "\"}");
                        statusKeys.merge((long) order, StatusKeys.key(status, clock), Math::max);
                    }
                }
                count++;
            }
        }
        fixture.flush();
        return count;
    }

    /**
     * Orders whose row differs from the write model: user name, address, items and total from MySQL, the status
     * from the greatest status key the writer produced for the order (order rows start at 2026-11-01 "created").
     */
    private static Map<Long, String> differences(JobFixture fixture, Map<Long, Long> statusKeys) throws Exception {
        Map<Long, String> expected = new HashMap<>();
        try (Connection c = fixture.mysql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT o.order_id, u.name, CONCAT_WS(', ', a.street, a.city, a.state, a.postal_code, a.country),
                       (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.order_id), o.total
                FROM orders o JOIN users u ON u.user_id = o.user_id JOIN addresses a ON a.address_id = o.address_id""")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long key = statusKeys.getOrDefault(id, StatusKeys.key("created", LocalDateTime.parse("2026-11-01T00:00:00")));
                expected.put(id, rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getInt(4) + " | "
                        + rs.getBigDecimal(5) + " | " + StatusKeys.status(key) + " " + RandomHistory.SQL_TIME.format(StatusKeys.time(key)));
            }
        }
        Map<Long, String> differences = new HashMap<>();
        fixture.orderDetails().forEach((id, row) -> {
            String actual = row.get("user_name") + " | " + row.get("full_address") + " | " + row.get("item_count") + " | "
                    + row.get("total") + " | " + row.get("order_status") + " " + row.get("last_order_update");
            if (!actual.equals(expected.get(id))) {
                differences.put(id, expected.get(id) + " -> " + actual);
            }
        });
        return differences;
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
