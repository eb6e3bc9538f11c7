package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink operator in a Flink test harness against a real PostgreSQL: the initial snapshot's writes wait for the
 * checkpoint that contains them, later writes wait only behind them, and a restore applies what a completed
 * checkpoint held.
 */
@WithLocalServers(Server.POSTGRES)
class ReadModelSinkITCase {
    private static final long T = 1_764_158_400_000L;
    private static final long SNAPSHOT_VERSION = 100;
    private static ReadModelDatabase db;

    @BeforeAll
    static void database(PostgresServer server) throws Exception {
        db = ReadModelDatabase.migrated(server, "it_sink");
    }

    @BeforeEach
    void emptyTables() throws Exception {
        db.empty();
    }

    private static OneInputStreamOperatorTestHarness<ReadModelWrite, Void> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ReadModelSink(db.settings(), SNAPSHOT_VERSION, "shop.*"));
    }

    private static ReadModelWrite.OrderDetails details(long id, String userName, long version) {
        return new ReadModelWrite.OrderDetails(id, 1, userName, "a@x", null, null, null, 100, T,
                StatusKeys.key("created", T), 0, 0, "", "[]", version);
    }

    private static ReadModelWrite.Projection user(long id, String name, long version) {
        return new ReadModelWrite.Projection(new ShopRow.User(id, name, "u" + id + "@x", null, T, T), version);
    }

    /** Flushes what the sink wrote at once, as a checkpoint barrier does, then reads. */
    private static List<String> afterFlush(OneInputStreamOperatorTestHarness<ReadModelWrite, Void> h, long checkpoint,
                                           String sql) throws Exception {
        h.prepareSnapshotPreBarrier(checkpoint);
        return db.query(sql);
    }

    @Test
    void snapshotWritesWaitForTheirCheckpointAndLaterWritesWaitBehindThem() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(details(1, "from the snapshot", SNAPSHOT_VERSION), 0);
            h.processElement(user(7, "from the snapshot", SNAPSHOT_VERSION), 0);
            assertThat(afterFlush(h, 1, "SELECT order_id FROM order_details")).isEmpty();
            h.snapshot(1, 0);
            // after the barrier, before the checkpoint completes: a binlog change of the same order waits too
            h.processElement(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 1_000)), 0);
            assertThat(afterFlush(h, 2, "SELECT order_id FROM order_details")).isEmpty();

            h.notifyOfCompletedCheckpoint(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(db.query("SELECT user_name || ' ' || order_status FROM order_details"))
                            .containsExactly("from the snapshot ready"));
            assertThat(db.query("SELECT name FROM users")).containsExactly("from the snapshot");

            // nothing held any more: binlog writes are written at once
            h.processElement(details(1, "from the binlog", SNAPSHOT_VERSION + 1), 0);
            assertThat(afterFlush(h, 3, "SELECT user_name FROM order_details")).containsExactly("from the binlog");
        }
    }

    @Test
    void binlogChangesBeforeTheSnapshotPositionAreWrittenAtOnce() throws Exception {
        // a resubmission from a savepoint reads MySQL's position anew: the binlog changes replayed from the
        // savepoint's position have smaller versions than this run's snapshot rows, and are not the snapshot's
        try (var h = harness()) {
            h.open();
            h.processElement(details(1, "replayed from the binlog", SNAPSHOT_VERSION - 5), 0);
            h.processElement(user(7, "replayed from the binlog", SNAPSHOT_VERSION - 4), 0);
            h.processElement(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 1_000)), 0);
            assertThat(afterFlush(h, 1, "SELECT user_name || ' ' || order_status FROM order_details"))
                    .containsExactly("replayed from the binlog ready");
            assertThat(db.query("SELECT name FROM users")).containsExactly("replayed from the binlog");
        }
    }

    @Test
    void aSnapshotWriteOfACheckpointThatNeverCompletedIsNeverWritten() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness()) {
            h.open();
            h.processElement(details(1, "before the checkpoint", SNAPSHOT_VERSION), 0);
            checkpoint = h.snapshot(1, 0);
            h.processElement(details(2, "after the checkpoint", SNAPSHOT_VERSION), 0);
            h.snapshot(2, 0);
            // the job fails here: checkpoint 1 completed, its notification never came; checkpoint 2 never completed
        }
        try (var h = harness()) {
            h.initializeState(checkpoint);
            h.open();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(db.query("SELECT user_name FROM order_details")).containsExactly("before the checkpoint"));
            h.prepareSnapshotPreBarrier(3);
            assertThat(db.query("SELECT order_id FROM order_details WHERE order_id = 2")).isEmpty();
        }
    }

    /** A savepoint from before the held writes were kept as a list per checkpoint, every write an element. */
    @Test
    void heldWritesOfTheOlderStateAreAppliedOnRestore() throws Exception {
        OperatorSubtaskState older;
        try (var h = new OneInputStreamOperatorTestHarness<>(new HeldOneByOne())) {
            h.open();
            h.processElement(details(1, "held one by one", SNAPSHOT_VERSION), 0);
            older = h.snapshot(1, 0);
        }
        try (var h = harness()) {
            h.initializeState(older);
            h.open();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(db.query("SELECT user_name FROM order_details")).containsExactly("held one by one"));
        }
    }

    /** The sink's state as it was: list state {@code held-snapshot-writes}, an element per held write. */
    private static final class HeldOneByOne extends AbstractStreamOperator<Void>
            implements OneInputStreamOperator<ReadModelWrite, Void> {
        private transient ListState<ReadModelWrite> held;

        @Override
        public void initializeState(StateInitializationContext context) throws Exception {
            super.initializeState(context);
            held = context.getOperatorStateStore().getListState(
                    new ListStateDescriptor<>("held-snapshot-writes", ReadModelWrite.TYPE));
        }

        @Override
        public void processElement(StreamRecord<ReadModelWrite> element) throws Exception {
            held.add(element.getValue());
        }
    }
}
