package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer against a real PostgreSQL: versions, tombstones, forward-only statuses, refused rows. */
@WithLocalServers(Server.POSTGRES)
class ReadModelWriterITCase {
    private static final long T = 1_764_158_400_000L;
    private static ReadModelDatabase db;
    private final Map<String, Counter> counters = new HashMap<>();
    private ReadModelWriter writer;

    @BeforeAll
    static void database(PostgresServer server) throws Exception {
        db = ReadModelDatabase.migrated(server, "it_writer");
    }

    @BeforeEach
    void emptyTablesAndWriter() throws Exception {
        db.empty();
        writer = new ReadModelWriter(db.settings(), new UnregisteredMetricsGroup() {
            @Override
            public Counter counter(String name) {
                return counters.computeIfAbsent(name, n -> new SimpleCounter());
            }
        }, "test-writer", 0, 2);
    }

    private void write(ReadModelWrite... writes) throws Exception {
        for (ReadModelWrite w : writes) {
            writer.write(w, null);
        }
        writer.flush(false);
    }

    private static ReadModelWrite.OrderDetails details(long id, String userName, String status, long at, long version) {
        return new ReadModelWrite.OrderDetails(id, 1, userName, "a@x", null, null, null, 39112, T,
                StatusKeys.key(status, at), 1, 300, "Pen (Qty: 2, Price: 1.50, Total: 3.00)",
                "[{\"item_id\":1,\"product_name\":\"Pen\",\"quantity\":2,\"price\":\"1.50\",\"line_total\":\"3.00\"}]",
                version);
    }

    @Test
    void aRowOnlyMovesForwardInVersion() throws Exception {
        write(details(1, "v5", "created", T, 5));
        write(details(1, "v3", "created", T, 3));
        assertThat(db.query("SELECT user_name FROM order_details WHERE order_id = 1")).containsExactly("v5");
        write(details(1, "v5 again", "created", T, 5));
        assertThat(db.query("SELECT user_name FROM order_details WHERE order_id = 1")).containsExactly("v5 again");
        assertThat(db.query("SELECT total || ' ' || items_total || ' ' || to_char(order_date, 'YYYY-MM-DD HH24:MI:SS.MS')"
                + " || ' ' || (items->0->>'price') FROM order_details"))
                .containsExactly("391.12 3.00 2025-11-26 12:00:00.000 1.50");
    }

    @Test
    void aStatusOnlyMovesForwardWhicheverWriteCarriesIt() throws Exception {
        write(details(1, "Ada", "received", T + 1_000, 5));
        write(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 9_000)));
        write(new ReadModelWrite.OrderStatus(1, StatusKeys.key("delivered", T + 2_000)));
        // a newer body with an older status keeps the newer status
        write(details(1, "Ada L.", "received", T + 1_000, 6));
        assertThat(db.query("SELECT user_name || ' ' || order_status || ' ' || to_char(last_order_update, 'HH24:MI:SS') "
                + "FROM order_details")).containsExactly("Ada L. ready 12:00:09");
    }

    /** read_model_updated_at: the time of the last write that changed the row; a write that changes nothing keeps it. */
    @Test
    void everyWriteOfARowStampsItsTime() throws Exception {
        String stamp = "SELECT to_char(read_model_updated_at, 'YYYY-MM-DD HH24:MI:SS.US') FROM order_details";
        write(details(1, "Ada", "received", T + 1_000, 5));
        String inserted = db.query(stamp).get(0);
        write(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 9_000)));
        String statusMoved = db.query(stamp).get(0);
        write(new ReadModelWrite.OrderStatus(1, StatusKeys.key("created", T + 2_000)));
        write(details(1, "Ada (older)", "received", T + 1_000, 4));
        assertThat(db.query(stamp)).as("writes that change nothing").containsExactly(statusMoved);
        write(details(1, "Ada L.", "received", T + 1_000, 6));
        String bodyChanged = db.query(stamp).get(0);
        assertThat(inserted).isLessThan(statusMoved);
        assertThat(statusMoved).isLessThan(bodyChanged);
        assertThat(db.query("SELECT read_model_updated_at > (now() AT TIME ZONE 'UTC') - interval '1 minute' "
                + "FROM order_details")).containsExactly("t");
    }

    /** read_model_progress: each source's newest position, with the rows it comes with, never moved back. */
    @Test
    void progressIsRecordedPerSourceAndOnlyForward() throws Exception {
        write(new ReadModelWrite.Progress("order_updates", 0, 7, T), new ReadModelWrite.Progress("order_updates", 0, 9, T + 2_000),
                new ReadModelWrite.Progress("order_updates", 1, 3, -1), new ReadModelWrite.Progress("shop.orders", 0, 5, T));
        write(new ReadModelWrite.Progress("order_updates", 0, 8, T + 1_000));
        assertThat(db.query("SELECT source || ' ' || part || ' ' || writer || ' ' || position || ' ' "
                + "|| coalesce(to_char(source_time, 'HH24:MI:SS'), '-') FROM read_model_progress ORDER BY source, part"))
                .containsExactly("order_updates 0 test-writer/0 9 12:00:02", "order_updates 1 test-writer/0 3 -",
                        "shop.orders 0 test-writer/0 5 12:00:00");
    }

    /** After a rescale down, the progress of subtasks that no longer exist would hold the watermark back. */
    @Test
    void aWriterForgetsTheProgressOfItsOperatorsSubtasksThatNoLongerExist() throws Exception {
        db.execute("INSERT INTO read_model_progress (source, part, writer, position) VALUES ('shop.*', 0, 'test-writer/1', 1), "
                + "('shop.*', 0, 'test-writer/2', 1), ('shop.*', 0, 'test-writer/13', 1), "
                + "('shop.*', 0, 'other-writer/5', 1), ('shop.*', 0, 'test-writer-b/7', 1)");
        write(new ReadModelWrite.Progress("shop.*", 0, 2, T)); // the writer's first connection
        assertThat(db.query("SELECT writer FROM read_model_progress ORDER BY writer"))
                .containsExactly("other-writer/5", "test-writer-b/7", "test-writer/0", "test-writer/1");
    }

    @Test
    void aDeletedRowStaysDeletedForOlderReplays() throws Exception {
        write(details(1, "Ada", "created", T, 5));
        write(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, 1, 10));
        write(details(1, "replayed", "created", T, 9));
        assertThat(db.query("SELECT user_name FROM order_details")).isEmpty();
        write(details(1, "inserted again", "created", T, 11));
        assertThat(db.query("SELECT user_name FROM order_details")).containsExactly("inserted again");
    }

    @Test
    void projectionsAreVersionedToo() throws Exception {
        write(new ReadModelWrite.Projection(new ShopRow.User(1, "Ada", "a@x", null, T, T), 5),
                new ReadModelWrite.Projection(new ShopRow.Address(2, 1, "1 Main", "City", "ST", "1", "C", T), 5),
                new ReadModelWrite.Projection(new ShopRow.Order(3, 1, 2L, 39112, "created", T, T), 5));
        write(new ReadModelWrite.Projection(new ShopRow.User(1, "old", "a@x", null, T, T), 4),
                new ReadModelWrite.Deletion(ReadModelTable.ADDRESSES, 2, 6));
        assertThat(db.query("SELECT name FROM users")).containsExactly("Ada");
        assertThat(db.query("SELECT address_id::text FROM addresses")).isEmpty();
        assertThat(db.query("SELECT total || ' ' || status FROM orders")).containsExactly("391.12 created");
    }

    @Test
    void aRowPostgresRefusesIsRecordedAndTheRestIsWritten() throws Exception {
        List<ReadModelWrite> batch = new ArrayList<>();
        for (long id = 1; id <= 9; id++) {
            batch.add(details(id, id == 4 ? "bad\u0000name" : "user " + id, "created", T, 5));
        }
        // an items total PostgreSQL's NUMERIC(14,2) cannot hold
        batch.add(new ReadModelWrite.OrderDetails(10, 1, "big", null, null, null, null, 1, T,
                StatusKeys.key("created", T), 1, Long.MAX_VALUE, "x", "[]", 5));
        write(batch.toArray(ReadModelWrite[]::new));

        assertThat(db.query("SELECT order_id::text FROM order_details ORDER BY order_id"))
                .containsExactly("1", "2", "3", "5", "6", "7", "8", "9");
        assertThat(db.query("SELECT row_id || ' ' || table_name FROM read_model_rejects ORDER BY row_id"))
                .containsExactly("4 order_details", "10 order_details");
        assertThat(db.query("SELECT reason FROM read_model_rejects WHERE row_id = 4")).singleElement()
                .asString().contains("0x00");
        assertThat(db.query("SELECT record FROM read_model_rejects WHERE row_id = 4")).singleElement()
                .asString().contains("bad\\u0000name");
        assertThat(counters.get("readModelRowsRejected").getCount()).isEqualTo(2);
        assertThat(counters.get("readModelRowsWritten").getCount()).isEqualTo(8 + 8); // rows and their statuses
    }
}
