package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the router sends snapshot items: one run per order, never held past a checkpoint barrier or other rows. */
class ShopChangeRouterTest {
    private OneInputStreamOperatorTestHarness<ShopChange, OrderInput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ShopChangeRouter("shop", null));
        harness.setup(OrderInput.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static ShopRow.Item item(long itemId, long orderId) {
        return new ShopRow.Item(itemId, orderId, "Pen", 1, 100);
    }

    private void snapshot(ShopRow row) throws Exception {
        harness.processElement(new ShopChange(5, true, null, row), 0);
    }

    private List<OrderInput> output() {
        List<OrderInput> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    @Test
    void everyBinlogChangeButNoSnapshotRowTellsTheProjectionsWriterItsPosition() throws Exception {
        snapshot(new ShopRow.User(1, "Ada", "a@x", null, 0, 0));
        harness.processElement(new ShopChange(9, false, null, item(4, 7), 1_700_000_000_000L), 0);
        harness.processElement(new ShopChange(10, false, null, new ShopRow.User(1, "Ada L.", "a@x", null, 0, 0),
                1_700_000_001_000L), 0);
        assertThat(harness.getSideOutput(ShopChangeRouter.PROJECTIONS)).extracting(StreamRecord::getValue)
                .filteredOn(ReadModelWrite.Progress.class::isInstance)
                .containsExactly(new ReadModelWrite.Progress("shop.order_items", 0, 9, 1_700_000_000_000L),
                        new ReadModelWrite.Progress("shop.users", 0, 10, 1_700_000_001_000L));
    }

    @Test
    void consecutiveSnapshotItemsOfAnOrderGoOutAsOneRun() throws Exception {
        snapshot(item(1, 7));
        snapshot(item(2, 7));
        assertThat(output()).as("the run may go on").isEmpty();
        snapshot(item(3, 8));
        List<OrderInput> out = output();
        assertThat(out).hasSize(1);
        OrderInput.Items run = (OrderInput.Items) out.get(0);
        assertThat(run.orderId()).isEqualTo(7);
        assertThat(run.items()).extracting(OrderInput.Item::itemId).containsExactly(1L, 2L);
    }

    @Test
    void aRunIsSentBeforeTheCheckpointBarrier() throws Exception {
        snapshot(item(1, 7));
        harness.prepareSnapshotPreBarrier(1);
        List<OrderInput> out = output();
        assertThat(out).hasSize(1);
        assertThat(((OrderInput.Items) out.get(0)).items()).extracting(OrderInput.Item::itemId).containsExactly(1L);
    }

    @Test
    void aRunIsSentBeforeAnyOtherChangeAndBinlogItemsGoOneByOne() throws Exception {
        snapshot(item(1, 7));
        harness.processElement(new ShopChange(9, false, null, item(4, 7)), 0);
        List<OrderInput> out = output();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(OrderInput.Items.class);
        assertThat(out.get(1)).isEqualTo(new OrderInput.Item(7, 4, 9, item(4, 7)));
    }
}
