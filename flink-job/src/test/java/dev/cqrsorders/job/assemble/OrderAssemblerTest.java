package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The emission rules of the order assembler, one order at a time. */
class OrderAssemblerTest {
    private static final long HOLD = 2_000;
    private static final long T = 1_764_158_400_000L; // 2025-11-26T12:00:00Z
    private KeyedOneInputStreamOperatorTestHarness<Long, OrderInput, ReadModelWrite> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OrderAssembler(HOLD, "order_updates", Long.MIN_VALUE)),
                OrderInput::orderId, Types.LONG);
        harness.setup(ReadModelWrite.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        harness.setProcessingTime(1_000);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<ReadModelWrite> output() {
        List<ReadModelWrite> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    private void in(OrderInput input) throws Exception {
        harness.processElement(input, 0);
    }

    private static OrderInput.OrderRow order(long id, long userId, Long addressId, String status, long updatedAt, long version) {
        return new OrderInput.OrderRow(id, version, new ShopRow.Order(id, userId, addressId, 1000, status, T, updatedAt));
    }

    private static OrderInput.Item item(long orderId, long itemId, String name, long version) {
        return new OrderInput.Item(orderId, itemId, version, new ShopRow.Item(itemId, orderId, name, 2, 150));
    }

    private static OrderInput.Part user(long orderId, long userId, String name, long version) {
        return new OrderInput.Part(orderId, Dimension.USER, userId, version,
                name == null ? null : new String[] {name, name + "@example.com", null}, false);
    }

    private static OrderInput.Part address(long orderId, long addressId, String text, long version) {
        return new OrderInput.Part(orderId, Dimension.ADDRESS, addressId, version, new String[] {text}, false);
    }

    private static OrderInput.Status event(long orderId, String status, long at) {
        return new OrderInput.Status(orderId, StatusKeys.key(status, at));
    }

    /** Order 1 of user 5 at address 9, one item, all parts answered: written once, complete. */
    private ReadModelWrite.OrderDetails completeOrder() throws Exception {
        in(item(1, 11, "Pen", 10));
        in(order(1, 5, 9L, "created", T, 20));
        assertThat(output()).as("nothing until the user and address fan-outs answered").isEmpty();
        in(user(1, 5, "Ada", 21));
        assertThat(output()).isEmpty();
        in(address(1, 9, "1 Main St, City, ST, 1, Country", 22));
        List<ReadModelWrite> out = output();
        assertThat(out).hasSize(1);
        return (ReadModelWrite.OrderDetails) out.get(0);
    }

    @Test
    void anOrderIsWrittenOnceItIsComplete() throws Exception {
        ReadModelWrite.OrderDetails row = completeOrder();
        assertThat(row.userName()).isEqualTo("Ada");
        assertThat(row.fullAddress()).isEqualTo("1 Main St, City, ST, 1, Country");
        assertThat(row.itemCount()).isEqualTo(1);
        assertThat(row.itemsTotalCents()).isEqualTo(300);
        assertThat(row.itemsDetails()).isEqualTo("Pen (Qty: 2, Price: 1.50, Total: 3.00)");
        assertThat(StatusKeys.status(row.statusKey())).isEqualTo("created");
        assertThat(row.version()).isEqualTo(22);
    }

    @Test
    void aRunOfSnapshotItemsIsTheSameAsItsItemsOneByOne() throws Exception {
        in(new OrderInput.Items(1, new OrderInput.Item[] {item(1, 12, "Ink", 11), item(1, 11, "Pen", 10)}));
        in(order(1, 5, 9L, "created", T, 20));
        in(user(1, 5, "Ada", 21));
        in(address(1, 9, "1 Main St, City, ST, 1, Country", 22));
        List<ReadModelWrite> out = output();
        assertThat(out).hasSize(1);
        ReadModelWrite.OrderDetails row = (ReadModelWrite.OrderDetails) out.get(0);
        assertThat(row.itemCount()).isEqualTo(2);
        assertThat(row.itemsDetails()).isEqualTo("Pen (Qty: 2, Price: 1.50, Total: 3.00); Ink (Qty: 2, Price: 1.50, Total: 3.00)");
        assertThat(row.version()).isEqualTo(22);
    }

    @Test
    void anEventThatRaisesTheStatusIsANarrowWriteAndOneThatDoesNotIsNothing() throws Exception {
        completeOrder();
        in(event(1, "ready", T + 60_000));
        assertThat(output()).containsExactly(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 60_000)));
        in(event(1, "preparing", T + 30_000)); // late
        in(event(1, "ready", T + 60_000));     // duplicate
        in(event(1, "received", T + 60_000));  // same instant, earlier stage
        assertThat(output()).isEmpty();
        in(event(1, "picked_up", T + 60_000)); // same instant, later stage
        assertThat(output()).containsExactly(new ReadModelWrite.OrderStatus(1, StatusKeys.key("picked_up", T + 60_000)));
    }

    @Test
    void everyEventIsFollowedByItsPositionOnTheTopicWhetherOrNotItChangedTheRow() throws Exception {
        completeOrder();
        in(new OrderInput.Status(1, StatusKeys.key("ready", T + 60_000), 2, 41, T + 61_000));
        in(new OrderInput.Status(1, StatusKeys.key("preparing", T + 30_000), 2, 42, T + 62_000));
        assertThat(output()).containsExactly(new ReadModelWrite.OrderStatus(1, StatusKeys.key("ready", T + 60_000)),
                new ReadModelWrite.Progress("order_updates", 2, 41, T + 61_000),
                new ReadModelWrite.Progress("order_updates", 2, 42, T + 62_000));
    }

    @Test
    void eventsBeforeTheOrderExistsCountWhenItArrives() throws Exception {
        in(event(1, "preparing", T + 5_000));
        in(event(1, "received", T + 1_000));
        // a status write for a row that does not exist yet changes nothing in PostgreSQL
        assertThat(output()).containsExactly(new ReadModelWrite.OrderStatus(1, StatusKeys.key("preparing", T + 5_000)));
        ReadModelWrite.OrderDetails row = completeOrder();
        assertThat(StatusKeys.status(row.statusKey())).isEqualTo("preparing");
        assertThat(StatusKeys.epochMillis(row.statusKey())).isEqualTo(T + 5_000);
    }

    @Test
    void aMoveToAnotherUserWaitsForThatUsersAnswer() throws Exception {
        completeOrder();
        in(order(1, 6, 9L, "created", T, 30));
        assertThat(output()).as("no row with the old user's name, none without a user").isEmpty();
        in(new OrderInput.Part(1, Dimension.USER, 5, 31, null, true)); // left user 5
        in(user(1, 6, "Bob", 32));
        assertThat(output()).singleElement().satisfies(w ->
                assertThat(((ReadModelWrite.OrderDetails) w).userName()).isEqualTo("Bob"));
    }

    @Test
    void anOrderWithoutItemsIsHeldBackThenWritten() throws Exception {
        completeOrder();
        in(new OrderInput.Item(1, 11, 40, null)); // the last item is deleted ...
        assertThat(output()).isEmpty();
        in(item(1, 12, "Ink", 41));               // ... and another inserted: no empty version in between
        assertThat(output()).singleElement().satisfies(w ->
                assertThat(((ReadModelWrite.OrderDetails) w).itemsDetails()).startsWith("Ink"));

        in(new OrderInput.Item(1, 12, 42, null)); // really empty
        harness.setProcessingTime(1_000 + HOLD - 1);
        assertThat(output()).isEmpty();
        harness.setProcessingTime(1_000 + HOLD);
        assertThat(output()).singleElement().satisfies(w ->
                assertThat(((ReadModelWrite.OrderDetails) w).itemCount()).isZero());
    }

    /**
     * Also an order this run never wrote: an attempt that failed after the restored checkpoint may have (an order that
     * waits for the watermark completes at a different moment in each attempt), and only this deletion removes it.
     */
    @Test
    void aDeletedOrderIsDeletedWhetherOrNotThisRunWroteIt() throws Exception {
        completeOrder();
        in(new OrderInput.OrderRow(1, 50, null));
        assertThat(output()).containsExactly(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, 1, 50));

        in(order(2, 5, null, "created", T, 60)); // never complete: its user never answered
        in(new OrderInput.OrderRow(2, 61, null));
        assertThat(output()).containsExactly(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, 2, 61));
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        completeOrder();
        in(event(1, "ready", T + 60_000));
        output();
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OrderAssembler(HOLD, "order_updates", Long.MIN_VALUE)),
                OrderInput::orderId, Types.LONG);
        harness.setup(ReadModelWrite.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        harness.initializeState(snapshot);
        harness.open();
        in(event(1, "preparing", T + 30_000));
        assertThat(output()).as("the restored status is still the maximum").isEmpty();
        in(user(1, 5, "Ada Lovelace", 70));
        assertThat(output()).singleElement().satisfies(w -> {
            ReadModelWrite.OrderDetails d = (ReadModelWrite.OrderDetails) w;
            assertThat(d.userName()).isEqualTo("Ada Lovelace");
            assertThat(StatusKeys.status(d.statusKey())).isEqualTo("ready");
            assertThat(d.version()).isEqualTo(70);
        });
    }
}
