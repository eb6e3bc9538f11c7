package dev.cqrsorders.job.it;

import dev.cqrsorders.job.events.HostileOrderUpdates;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job on real servers (MariaDB binlog CDC, Kafka, PostgreSQL), asserting what lands in PostgreSQL. One job for
 * the class; every test works on its own order ids.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class OrderDetailsJobITCase {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static JobFixture fixture;

    @BeforeAll
    static void startWithPreExistingRows(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        fixture = JobFixture.create("it_details", mysql, kafka, postgres);
        fixture.mysql(
                "INSERT INTO users VALUES (1, 'Ada Lovelace', 'ada@example.com', '+44 20 1234', '2026-01-01 10:00:00.000', '2026-01-01 10:00:00.000')",
                "INSERT INTO addresses VALUES (11, 1, '12 Main St', 'Springfield', 'IL', '62701', 'USA', '2026-01-01 10:00:00.000')",
                "INSERT INTO orders VALUES (1, 1, 11, 391.12, 'created', '2026-11-26 12:00:00.123', '2026-11-26 12:00:00.123')",
                "INSERT INTO order_items VALUES (2, 1, 'Widget', 9, 77.11), (1, 1, 'Gadget', 1, 5.00), (3, 1, 'Thing \"quoted\"', 2, 0.50)");
        fixture.startJob();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Map<String, String> awaitOrder(long orderId, String description,
                                                  java.util.function.Predicate<Map<String, String>> condition) {
        return await(description).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.orderDetails().get(orderId), row -> row != null && condition.test(row));
    }

    private static void awaitGone(long orderId) {
        await("order " + orderId + " deleted").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> !fixture.orderDetails().containsKey(orderId));
    }

    private static String event(String id, long orderId, String status, String time) {
        return "{\"event_id\":\"" + id + "\",\"order_id\":" + orderId + ",\"status\":\"" + status
                + "\",\"source\":\"kitchen\",\"event_time\":\"" + time + "\"}";
    }

    @Test
    void snapshotOfPreExistingRowsIsDenormalized() throws Exception {
        Map<String, String> row = awaitOrder(1, "snapshot of order 1", r -> true);

        assertThat(row).containsEntry("user_id", "1")
                .containsEntry("user_name", "Ada Lovelace")
                .containsEntry("user_email", "ada@example.com")
                .containsEntry("user_phone", "+44 20 1234")
                .containsEntry("address_id", "11")
                .containsEntry("full_address", "12 Main St, Springfield, IL, 62701, USA")
                .containsEntry("total", "391.12")
                .containsEntry("order_date", "2026-11-26 12:00:00.123")
                .containsEntry("order_status", "created")
                .containsEntry("last_order_update", "2026-11-26 12:00:00.123")
                .containsEntry("item_count", "3")
                .containsEntry("items_total", "699.99")
                .containsEntry("order_items_details", "Gadget (Qty: 1, Price: 5.00, Total: 5.00); "
                        + "Widget (Qty: 9, Price: 77.11, Total: 693.99); Thing \"quoted\" (Qty: 2, Price: 0.50, Total: 1.00)");
        assertThat(row.get("items")).startsWith("[{\"price\": \"5.00\", \"item_id\": 1,");
    }

    @Test
    void projectionsMirrorTheWriteModel() throws Exception {
        await().atMost(PATIENCE).until(() -> fixture.rows("SELECT * FROM users", "user_id").containsKey(1L)
                && fixture.rows("SELECT * FROM addresses", "address_id").containsKey(11L)
                && fixture.rows("SELECT * FROM orders", "order_id").containsKey(1L));
        assertThat(fixture.rows("SELECT * FROM orders", "order_id").get(1L))
                .containsEntry("status", "created").containsEntry("total", "391.12").containsEntry("user_id", "1");
    }

    @Test
    void liveInsertUpdateAndDeleteOfAnOrder() throws Exception {
        fixture.mysql(
                "INSERT INTO users VALUES (2, 'Bob', 'bob@example.com', NULL, NOW(3), NOW(3))",
                "INSERT INTO orders VALUES (20, 2, NULL, 10.00, 'created', '2026-11-26 13:00:00.000', '2026-11-26 13:00:00.000')",
                "INSERT INTO order_items VALUES (200, 20, 'Pen', 2, 5.00)");
        Map<String, String> inserted = awaitOrder(20, "order 20 inserted", r -> "1".equals(r.get("item_count")));
        assertThat(inserted).containsEntry("user_name", "Bob").containsEntry("user_phone", null)
                .containsEntry("full_address", null).containsEntry("items_total", "10.00");

        fixture.mysql("UPDATE orders SET total = 12.50, status = 'received', updated_at = '2026-11-26 13:05:00.000' WHERE order_id = 20");
        awaitOrder(20, "order 20 updated", r -> "12.50".equals(r.get("total")) && "received".equals(r.get("order_status"))
                && "2026-11-26 13:05:00.000".equals(r.get("last_order_update")));

        fixture.mysql("DELETE FROM order_items WHERE order_id = 20", "DELETE FROM orders WHERE order_id = 20");
        awaitGone(20);
        await().atMost(PATIENCE).until(() -> !fixture.rows("SELECT * FROM orders", "order_id").containsKey(20L));
    }

    @Test
    void eventsGiveTheInOrderResultWhateverTheirArrival() throws Exception {
        fixture.mysql("INSERT INTO orders VALUES (30, 1, 11, 1.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')");
        // out of order, duplicated, and one event older than the order's own status
        fixture.send("30", event("e30-4", 30, "picked_up", "2026-11-26T12:40:00.000Z"));
        fixture.send("30", event("e30-2", 30, "preparing", "2026-11-26T12:20:00.000Z"));
        fixture.send("30", event("e30-4", 30, "picked_up", "2026-11-26T12:40:00.000Z"));
        fixture.send("30", event("e30-3", 30, "ready", "2026-11-26T12:30:00.000Z"));
        fixture.send("30", event("e30-0", 30, "received", "2026-11-26T11:00:00.000Z"));
        fixture.flush();
        awaitOrder(30, "order 30 picked up", r -> "picked_up".equals(r.get("order_status"))
                && "2026-11-26 12:40:00.000".equals(r.get("last_order_update")));

        // a late event (older than the current status) changes nothing, a newer one wins
        fixture.send("30", event("e30-1", 30, "received", "2026-11-26T12:10:00.000Z"));
        fixture.send("30", event("e30-5", 30, "delivered", "2026-11-26T12:50:00.000Z"));
        fixture.flush();
        awaitOrder(30, "order 30 delivered", r -> "delivered".equals(r.get("order_status")));
    }

    @Test
    void onEqualTimestampsTheLaterStageWins() throws Exception {
        fixture.mysql("INSERT INTO orders VALUES (31, 1, 11, 1.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')");
        fixture.send("31", event("t1", 31, "delivered", "2026-11-26T12:30:00.000Z"));
        fixture.send("31", event("t2", 31, "picked_up", "2026-11-26T12:30:00.000Z"));
        // the order's own status at the same instant as an event: lifecycle order decides as well
        fixture.send("31", event("t3", 31, "ready", "2026-11-26T12:00:00.000Z"));
        fixture.flush();
        awaitOrder(31, "order 31 tie resolved", r -> "delivered".equals(r.get("order_status"))
                && "2026-11-26 12:30:00.000".equals(r.get("last_order_update")));
    }

    @Test
    void earlyEventsApplyWhenTheOrderArrives() throws Exception {
        fixture.send("32", event("early-1", 32, "preparing", "2026-11-26T12:15:00.000Z"));
        fixture.flush();
        // give the event time to be processed before the order exists
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !fixture.orderDetails().containsKey(32L));

        fixture.mysql("INSERT INTO orders VALUES (32, 1, 11, 1.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')");
        awaitOrder(32, "order 32 with its early event", r -> "preparing".equals(r.get("order_status"))
                && "2026-11-26 12:15:00.000".equals(r.get("last_order_update")));
    }

    @Test
    void userAddressAndItemChangesReRenderEveryAffectedOrder() throws Exception {
        fixture.mysql(
                "INSERT INTO users VALUES (5, 'Carol', 'carol@example.com', '555-0100', NOW(3), NOW(3))",
                "INSERT INTO addresses VALUES (55, 5, '1 Elm St', 'Portland', 'OR', '97201', 'USA', NOW(3))",
                "INSERT INTO orders VALUES (50, 5, 55, 3.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000'),"
                        + " (51, 5, 55, 4.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000'),"
                        + " (52, 5, NULL, 5.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')",
                "INSERT INTO order_items VALUES (500, 50, 'A', 1, 3.00), (510, 51, 'B', 1, 4.00), (511, 51, 'C', 1, 1.00)");
        for (long id : new long[] {50, 51, 52}) {
            awaitOrder(id, "order " + id, r -> "Carol".equals(r.get("user_name")));
        }

        fixture.mysql("UPDATE users SET name = 'Carol Jones', phone = '555-0199' WHERE user_id = 5",
                "UPDATE addresses SET street = '2 Oak Ave', postal_code = '97202' WHERE address_id = 55");
        for (long id : new long[] {50, 51, 52}) {
            awaitOrder(id, "order " + id + " re-rendered", r -> "Carol Jones".equals(r.get("user_name"))
                    && "555-0199".equals(r.get("user_phone")));
        }
        assertThat(fixture.orderDetails().get(50L)).containsEntry("full_address", "2 Oak Ave, Portland, OR, 97202, USA");
        assertThat(fixture.orderDetails().get(51L)).containsEntry("full_address", "2 Oak Ave, Portland, OR, 97202, USA");
        assertThat(fixture.orderDetails().get(52L)).containsEntry("full_address", null);

        fixture.mysql("UPDATE order_items SET quantity = 4, price = 2.25 WHERE item_id = 510",
                "DELETE FROM order_items WHERE item_id = 511",
                "INSERT INTO order_items VALUES (505, 51, 'Z', 1, 0.99)");
        // item 505 sorts before 510 whatever the order of arrival
        awaitOrder(51, "order 51 items changed", r -> "Z (Qty: 1, Price: 0.99, Total: 0.99); B (Qty: 4, Price: 2.25, Total: 9.00)"
                .equals(r.get("order_items_details")) && "9.99".equals(r.get("items_total")) && "2".equals(r.get("item_count")));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWhileValidOnesFlow() throws Exception {
        long deadBefore = fixture.metric("orderUpdatesInvalid");
        fixture.mysql("INSERT INTO orders VALUES (60, 1, 11, 1.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')");
        List<String> bad = List.of(
                "not json at all",
                "{\"event_id\":\"m1\",\"order_id\":60",
                "{\"event_id\":\"m2\",\"order_id\":\"sixty\",\"status\":\"ready\",\"source\":\"x\",\"event_time\":\"2026-11-26T12:30:00Z\"}",
                "{\"event_id\":\"m3\",\"order_id\":60,\"status\":\"teleported\",\"source\":\"x\",\"event_time\":\"2026-11-26T12:30:00Z\"}",
                "{\"event_id\":\"m4\",\"order_id\":-60,\"status\":\"ready\",\"source\":\"x\",\"event_time\":\"2026-11-26T12:30:00Z\"}",
                "{\"event_id\":\"m5\",\"order_id\":60,\"status\":\"ready\",\"source\":\"x\",\"event_time\":\"9999-12-31T00:00:00Z\"}",
                "{\"order_id\":60,\"status\":\"ready\",\"source\":\"x\",\"event_time\":\"2026-11-26T12:30:00Z\"}",
                // about the largest record order_updates takes by default (1 MB): with its reason headers it is more
                // than a default producer may send, so a default dead-letter sink would fail the job over it, forever
                "x".repeat(1_048_400));
        for (String record : bad) {
            fixture.send("60", record);
        }
        fixture.send("60".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        fixture.send("60", event("ok-60", 60, "ready", "2026-11-26T12:45:00.000Z"));
        fixture.flush();

        awaitOrder(60, "valid event after bad ones", r -> "ready".equals(r.get("order_status")));
        List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters("60"::equals, bad.size() + 1);
        assertThat(deadLetters).hasSize(bad.size() + 1);
        for (int i = 0; i < bad.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = deadLetters.get(i);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(bad.get(i));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("60");
            assertThat(header(record, "dlq.reason")).isNotBlank();
            assertThat(header(record, "dlq.topic")).isEqualTo(fixture.name + "_order_updates");
            assertThat(header(record, "dlq.offset")).matches("\\d+");
            assertThat(header(record, "dlq.truncated")).isNull();
        }
        assertThat(deadLetters.get(bad.size()).value()).containsExactly((byte) 0xff, (byte) 0xfe, 0x00);
        assertThat(header(deadLetters.get(3), "dlq.reason")).contains("unknown status 'teleported'");
        assertThat(fixture.jobStatus()).isEqualTo(JobStatus.RUNNING);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.metric("orderUpdatesInvalid") >= deadBefore + bad.size() + 1);
        assertThat(fixture.metric("orderUpdatesInvalid")).isEqualTo(deadBefore + bad.size() + 1);
    }

    /**
     * Every kind of hostile record a producer may write ({@link HostileOrderUpdates}): each bad one is in the
     * dead-letter topic with its original bytes and its reason, none of the valid edge cases is, the valid ones
     * apply, and the job never restarts.
     */
    @Test
    void hostileRecordsAreDeadLetteredWithTheirBytesAndTheJobNeverRestarts() throws Exception {
        fixture.mysql("INSERT INTO orders VALUES (61, 1, 11, 1.00, 'created', '2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')");
        awaitOrder(61, "order 61", r -> "created".equals(r.get("order_status")));
        long deadBefore = fixture.metric("orderUpdatesInvalid");
        // the producer stamps each record with its clock: the cases' event times are relative to it
        List<HostileOrderUpdates.Case> cases = HostileOrderUpdates.cases(61, Instant.now());
        for (HostileOrderUpdates.Case c : cases) {
            // one partition for all, so that the dead letters keep the order in which the records were sent
            fixture.send(0, c.key() == null ? null : c.key().getBytes(StandardCharsets.UTF_8), c.value());
        }
        fixture.flush();
        List<HostileOrderUpdates.Case> bad = cases.stream().filter(c -> !c.valid()).toList();
        System.out.printf("hostile order_updates: %d kinds of bad records, %d valid edge cases%n", bad.size(),
                cases.size() - bad.size());

        awaitOrder(61, "the valid edge cases applied", r -> "ready".equals(r.get("order_status")));
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.metric("orderUpdatesInvalid") >= deadBefore + bad.size());
        List<ConsumerRecord<byte[], byte[]>> letters = fixture.deadLetters(HostileOrderUpdates.keys(61)::contains, bad.size());
        assertThat(letters).extracting(r -> header(r, "dlq.reason"))
                .as("one dead letter per bad record, in order, none for a valid one")
                .hasSize(bad.size())
                .satisfies(reasons -> {
                    for (int i = 0; i < bad.size(); i++) {
                        assertThat(reasons.get(i)).as(bad.get(i).name()).startsWith(bad.get(i).reason());
                    }
                });
        for (int i = 0; i < bad.size(); i++) {
            assertThat(letters.get(i).value()).as(bad.get(i).name()).isEqualTo(bad.get(i).value());
        }
        assertThat(fixture.metric("orderUpdatesInvalid")).isEqualTo(deadBefore + bad.size());
        assertThat(fixture.jobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.restarts()).isZero();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
