package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The initial snapshot's orders wait in the assembler, as ids, for a checkpoint that contains them. */
class OrderAssemblerOperatorTest {
    private static final long SNAPSHOT = 100;
    private static final long T = 1_764_158_400_000L;
    private static final int MAX_PARALLELISM = 128;
    private final List<KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite>> harnesses = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var h : harnesses) {
            h.close();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> harness(int parallelism, int subtask,
                                                                                             OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new OrderAssemblerOperator(new OrderAssembler(2_000, "order_updates", SNAPSHOT)),
                OrderInput::orderId, Types.LONG, MAX_PARALLELISM, parallelism, subtask);
        harnesses.add(h);
        h.setup(ReadModelWrite.TYPE.createSerializer(new SerializerConfigImpl()));
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> harness() throws Exception {
        return harness(1, 0, null);
    }

    /** Order {@code id} of user 5 at address 9 with one item, every row read by the snapshot. */
    private static void snapshotOrder(KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> h, long id)
            throws Exception {
        h.processElement(new OrderInput.Item(id, id * 10, SNAPSHOT, new ShopRow.Item(id * 10, id, "Pen", 2, 150)), 0);
        h.processElement(new OrderInput.OrderRow(id, SNAPSHOT, new ShopRow.Order(id, 5, 9L, 1000, "created", T, T)), 0);
        h.processElement(new OrderInput.Part(id, Dimension.USER, 5, SNAPSHOT, new String[] {"Ada", "ada@x", null}, false), 0);
        h.processElement(new OrderInput.Part(id, Dimension.ADDRESS, 9, SNAPSHOT, new String[] {"1 Main St"}, false), 0);
    }

    /** Order {@code id} of user 5 without an address, complete with one binlog change at {@code version}. */
    private static void binlogOrder(KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> h, long id,
                                    long version) throws Exception {
        h.processElement(new OrderInput.Item(id, id * 10, version, new ShopRow.Item(id * 10, id, "Ink", 1, 90)), 0);
        h.processElement(new OrderInput.OrderRow(id, version, new ShopRow.Order(id, 5, null, 500, "created", T, T)), 0);
        h.processElement(new OrderInput.Part(id, Dimension.USER, 5, version, new String[] {"Ada", "ada@x", null}, false), 0);
    }

    private static List<Object> output(KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> h) {
        List<Object> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            out.add(o instanceof org.apache.flink.streaming.runtime.streamrecord.StreamRecord<?> r ? r.getValue() : o);
        }
        h.getOutput().clear();
        return out;
    }

    private static List<Long> orderIds(List<Object> out) {
        return out.stream().filter(o -> o instanceof ReadModelWrite.OrderDetails)
                .map(o -> ((ReadModelWrite.OrderDetails) o).orderId()).toList();
    }

    @Test
    void aSnapshotOrderIsRenderedWhenItsCheckpointCompletesWithWhatCameMeanwhile() throws Exception {
        var h = harness();
        snapshotOrder(h, 1);
        assertThat(output(h)).isEmpty();
        h.processElement(new OrderInput.Status(1, StatusKeys.key("ready", T + 60_000)), 0);
        // the status goes out at once (it finds no row yet) and is in the state the release renders
        assertThat(output(h)).containsExactly(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 60_000)));
        h.snapshot(1, 0);
        assertThat(output(h)).isEmpty();

        h.notifyOfCompletedCheckpoint(1);
        assertThat(output(h)).singleElement().satisfies(w -> {
            ReadModelWrite.OrderDetails row = (ReadModelWrite.OrderDetails) w;
            assertThat(row.orderId()).isEqualTo(1);
            assertThat(row.userName()).isEqualTo("Ada");
            assertThat(row.itemsDetails()).startsWith("Pen");
            assertThat(row.version()).isEqualTo(SNAPSHOT);
            assertThat(StatusKeys.status(row.statusKey())).isEqualTo("ready");
        });

        // nothing of the snapshot waits: binlog changes are written at once
        h.processElement(new OrderInput.Part(1, Dimension.USER, 5, SNAPSHOT + 1, new String[] {"Ada L.", "ada@x", null}, false), 0);
        assertThat(orderIds(output(h))).containsExactly(1L);
    }

    @Test
    void ordersCompletedAfterTheBarrierWaitForTheNextCheckpoint() throws Exception {
        var h = harness();
        snapshotOrder(h, 1);
        h.snapshot(1, 0);
        snapshotOrder(h, 2);
        h.notifyOfCompletedCheckpoint(1);
        assertThat(orderIds(output(h))).containsExactly(1L);
        h.snapshot(2, 0);
        h.notifyOfCompletedCheckpoint(2);
        assertThat(orderIds(output(h))).containsExactly(2L);
    }

    /**
     * Only the snapshot's orders wait: the binlog is read once a checkpoint holds every snapshot split
     * (ShopMySqlSourceITCase), so an order a binlog change completes, and any deletion, goes out at once.
     */
    @Test
    void whileSnapshotOrdersAreHeldBinlogOrdersAndDeletionsGoOutAtOnce() throws Exception {
        var h = harness();
        snapshotOrder(h, 1);
        snapshotOrder(h, 2);
        h.processElement(new OrderInput.Part(1, Dimension.USER, 5, SNAPSHOT + 1, new String[] {"Ada L.", "ada@x", null}, false), 0);
        h.processElement(new OrderInput.OrderRow(2, SNAPSHOT + 2, null), 0);
        binlogOrder(h, 3, SNAPSHOT + 3);
        List<Object> atOnce = output(h);
        assertThat(orderIds(atOnce)).as("order 1 with its user's binlog change, and order 3").containsExactly(1L, 3L);
        assertThat(((ReadModelWrite.OrderDetails) atOnce.get(0)).userName()).isEqualTo("Ada L.");
        assertThat(atOnce).contains(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, 2, SNAPSHOT + 2));

        h.snapshot(1, 0);
        h.notifyOfCompletedCheckpoint(1);
        assertThat(orderIds(output(h))).as("the held order once more, as it is now; the deleted one not").containsExactly(1L);
    }

    /**
     * The fault CI found: an order complete only after the checkpoint (its user's answer waits for the watermark) is
     * written by the attempt that then fails; the attempt restored from that checkpoint sees the delete before the
     * answer, and must still delete the row.
     */
    @Test
    void aDeleteAfterARestoreDeletesWhatTheFailedAttemptWrote() throws Exception {
        var h = harness();
        h.processElement(new OrderInput.Item(7, 70, SNAPSHOT, new ShopRow.Item(70, 7, "Pen", 2, 150)), 0);
        h.processElement(new OrderInput.OrderRow(7, SNAPSHOT + 1, new ShopRow.Order(7, 1_000_007, null, 1000, "received", T, T)), 0);
        OperatorSubtaskState checkpoint = h.snapshot(1, 0);
        h.notifyOfCompletedCheckpoint(1);
        h.processElement(new OrderInput.Part(7, Dimension.USER, 1_000_007, 0, null, false), 0);
        assertThat(orderIds(output(h))).as("written by the attempt that fails").containsExactly(7L);

        var restored = harness(1, 0, checkpoint);
        restored.processElement(new OrderInput.OrderRow(7, SNAPSHOT + 9, null), 0);
        assertThat(output(restored)).containsExactly(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, 7, SNAPSHOT + 9));
    }

    @Test
    void theWatermarkWaitsUntilNothingIsHeld() throws Exception {
        var h = harness();
        h.processWatermark(new Watermark(10));
        assertThat(output(h)).containsExactly(new Watermark(10));
        snapshotOrder(h, 1);
        h.processWatermark(new Watermark(20));
        h.snapshot(1, 0);
        h.processWatermark(new Watermark(30));
        assertThat(output(h)).isEmpty();
        h.notifyOfCompletedCheckpoint(1);
        assertThat(output(h)).satisfiesExactly(
                w -> assertThat(w).isInstanceOf(ReadModelWrite.OrderDetails.class),
                w -> assertThat(w).isEqualTo(new Watermark(30)));
    }

    @Test
    void aRestoreReleasesTheCheckpointsHeldOrdersOnceEachAlsoWhenRescaled() throws Exception {
        OperatorSubtaskState checkpoint;
        var before = harness();
        for (long id = 1; id <= 20; id++) {
            snapshotOrder(before, id);
        }
        checkpoint = before.snapshot(1, 0);
        // the job fails here: checkpoint 1 completed, its notification never came

        List<Long> released = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            var after = harness(2, subtask,
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(checkpoint, MAX_PARALLELISM, 1, 2, subtask));
            after.snapshot(2, 0);
            after.notifyOfCompletedCheckpoint(2);
            List<Long> mine = orderIds(output(after));
            assertThat(mine).as("subtask %d releases some of them", subtask).isNotEmpty();
            released.addAll(mine);
        }
        assertThat(released).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }
}
