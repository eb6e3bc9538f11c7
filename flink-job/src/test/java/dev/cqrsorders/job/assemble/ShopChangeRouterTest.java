package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopRow;
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
        harness = new OneInputStreamOperatorTestHarness<>(new ShopChangeRouter());
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
