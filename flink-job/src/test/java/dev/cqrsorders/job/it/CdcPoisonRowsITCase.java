package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows MySQL accepts and PostgreSQL or the pipeline might not, each through the initial snapshot (ids 1xx, written
 * before the job starts) and through the binlog (ids 2xx), with the outcome docs/reliability.md defines for it: a
 * row PostgreSQL refuses is recorded in {@code read_model_rejects} with the reason and counted, everything else is
 * written, and the job never restarts.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class CdcPoisonRowsITCase {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A NUL character in a MySQL string expression. */
    private static final String NUL = "', CHAR(0), '";
    private static JobFixture fixture;

    @BeforeAll
    static void startWithPoisonInTheSnapshot(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        fixture = JobFixture.create("it_poison", mysql, kafka, postgres);
        fixture.mysql(
                "INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', NULL, '2026-01-01 10:00:00.000', '2026-01-01 10:00:00.000')",
                "INSERT INTO addresses VALUES (11, 1, '12 Main St', 'Springfield', 'IL', '62701', 'USA', '2026-01-01 10:00:00.000')");
        poison(100);
        fixture.startJob();
    }

    /** The same kinds of rows at {@code base} + 0..9: one per kind, and a good order beside each. */
    private static void poison(long base) throws Exception {
        fixture.mysql(
                // a NUL character in a product name (PostgreSQL's text refuses it), in one transaction with a good order
                "START TRANSACTION",
                order(base, "2026-11-26 12:00:00.000"), item(base * 10, base, "bad" + NUL + "name", 1, "1.00"),
                order(base + 1, "2026-11-26 12:00:00.000"), item(base * 10 + 1, base + 1, "good", 1, "1.00"),
                "COMMIT",
                // 4-byte characters
                "INSERT INTO users VALUES (" + (base + 2) + ", 'Zoë 🍕', 'zoe" + base + "@example.com', '☎ 555', "
                        + "'2026-01-01 10:00:00.000', '2026-01-01 10:00:00.000')",
                "INSERT INTO orders VALUES (" + (base + 2) + ", " + (base + 2) + ", NULL, 9.50, 'created', "
                        + "'2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')",
                item(base * 10 + 2, base + 2, "🍕 Pizza «quattro» 𝄞", 1, "9.50"),
                // an items total beyond NUMERIC(14,2): 2,147,483,647 × 9,999,999,999.99
                order(base + 3, "2026-11-26 12:00:00.000"), item(base * 10 + 3, base + 3, "huge", 2147483647, "9999999999.99"),
                // far-future timestamps
                order(base + 4, "9999-12-31 23:59:59.999"), item(base * 10 + 4, base + 4, "later", 1, "1.00"),
                // zero dates, which MySQL stores outside strict mode
                "SET SESSION sql_mode = ''",
                order(base + 5, "0000-00-00 00:00:00.000"), item(base * 10 + 5, base + 5, "zero", 1, "1.00"),
                "SET SESSION sql_mode = DEFAULT",
                // a NUL character in a user's name: the user projection and its order refused, nothing else
                "INSERT INTO users VALUES (" + (base + 6) + ", CONCAT('nul" + NUL + "user'), 'nul" + base + "@example.com', NULL, "
                        + "'2026-01-01 10:00:00.000', '2026-01-01 10:00:00.000')",
                "INSERT INTO orders VALUES (" + (base + 6) + ", " + (base + 6) + ", NULL, 1.00, 'created', "
                        + "'2026-11-26 12:00:00.000', '2026-11-26 12:00:00.000')",
                item(base * 10 + 6, base + 6, "for nul user", 1, "1.00"));
    }

    private static String order(long id, String time) {
        return "INSERT INTO orders VALUES (" + id + ", 1, 11, 1.00, 'created', '" + time + "', '" + time + "')";
    }

    private static String item(long id, long orderId, String name, long quantity, String price) {
        return "INSERT INTO order_items VALUES (" + id + ", " + orderId + ", CONCAT('" + name + "'), " + quantity + ", " + price + ")";
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void theJobNeverRestarted() throws Exception {
        assertThat(fixture.jobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(fixture.failures()).isZero();
    }

    @Test
    void snapshot() throws Exception {
        assertOutcomes(100);
    }

    @Test
    void binlog() throws Exception {
        poison(200);
        assertOutcomes(200);
    }

    private void assertOutcomes(long base) throws Exception {
        Map<String, String> good = awaitOrder(base + 1);
        assertThat(good).containsEntry("order_items_details", "good (Qty: 1, Price: 1.00, Total: 1.00)");

        Map<String, String> unicode = awaitOrder(base + 2);
        assertThat(unicode).containsEntry("user_name", "Zoë 🍕").containsEntry("user_phone", "☎ 555")
                .containsEntry("order_items_details", "🍕 Pizza «quattro» 𝄞 (Qty: 1, Price: 9.50, Total: 9.50)");
        assertThat(unicode.get("items")).contains("🍕 Pizza «quattro» 𝄞");
        assertThat(fixture.rows("SELECT * FROM users", "user_id").get(base + 2)).containsEntry("name", "Zoë 🍕");

        Map<String, String> future = awaitOrder(base + 4);
        assertThat(future).containsEntry("order_date", "9999-12-31 23:59:59.999")
                .containsEntry("last_order_update", "9999-12-31 23:59:59.999");

        // Debezium turns a zero date in a NOT NULL column into the epoch, in the snapshot and in the binlog alike
        Map<String, String> zero = awaitOrder(base + 5);
        assertThat(zero).containsEntry("order_date", "1970-01-01 00:00:00.000")
                .containsEntry("last_order_update", "1970-01-01 00:00:00.000")
                .containsEntry("order_items_details", "zero (Qty: 1, Price: 1.00, Total: 1.00)");

        await("rejects of orders " + base + ", " + (base + 3) + " and user " + (base + 6)).atMost(PATIENCE)
                .until(() -> rejects(base).size() == 4);
        Map<String, Map<String, String>> rejects = rejects(base);
        assertThat(rejects.get("order_details " + base).get("reason")).contains("0x00");
        assertThat(rejects.get("order_details " + base).get("record")).contains("bad\\u0000name");
        assertThat(rejects.get("order_details " + (base + 3)).get("reason")).contains("numeric field overflow");
        assertThat(rejects.get("users " + (base + 6)).get("reason")).contains("0x00");
        assertThat(rejects.get("order_details " + (base + 6)).get("reason")).contains("0x00");
        Map<Long, Map<String, String>> details = fixture.orderDetails();
        assertThat(details).doesNotContainKeys(base, base + 3, base + 6);
        // the REST API serves metrics from a cache refreshed every few seconds
        await("readModelRowsRejected counts the rejects").atMost(PATIENCE)
                .until(() -> fixture.metric("readModelRowsRejected") >= 4);

        // the defined way out: the row corrected in MySQL is written
        fixture.mysql("UPDATE order_items SET product_name = 'fixed' WHERE item_id = " + base * 10,
                "UPDATE order_items SET quantity = 1 WHERE item_id = " + (base * 10 + 3),
                "UPDATE users SET name = 'nul user' WHERE user_id = " + (base + 6));
        assertThat(awaitOrder(base)).containsEntry("order_items_details", "fixed (Qty: 1, Price: 1.00, Total: 1.00)");
        assertThat(awaitOrder(base + 3)).containsEntry("items_total", "9999999999.99");
        assertThat(awaitOrder(base + 6)).containsEntry("user_name", "nul user");
    }

    private static Map<String, String> awaitOrder(long orderId) {
        return await("order " + orderId).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.orderDetails().get(orderId), row -> row != null);
    }

    /** read_model_rejects of rows {@code base}..{@code base + 9}, by "table id". */
    private static Map<String, Map<String, String>> rejects(long base) throws Exception {
        Map<String, Map<String, String>> byRow = new java.util.HashMap<>();
        fixture.rows("SELECT reject_id, table_name, row_id, reason, record FROM read_model_rejects WHERE row_id BETWEEN "
                + base + " AND " + (base + 9), "reject_id")
                .values().forEach(r -> byRow.put(r.get("table_name") + " " + r.get("row_id"), r));
        return byRow;
    }
}
