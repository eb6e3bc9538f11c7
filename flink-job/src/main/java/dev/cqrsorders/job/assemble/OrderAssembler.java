package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.events.StatusKeys;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The read model's core, keyed by order id: the order's latest status (one long) and its body with its items
 * ({@link OrderBody}), two values so that a status event reads and writes eight bytes.
 * It is the DataStream form of sql/flink/03-views.sql's order_details_view, and answers the same.
 *
 * <ul>
 *   <li>Status: the contract's rule is a maximum of {@link StatusKeys} over the order's own (status, updated_at) and
 *   every valid event. An event that does not raise it produces nothing; one that does produces a narrow status
 *   write. Events for orders that do not exist yet just raise the maximum.</li>
 *   <li>Body: a change of the order, its items, its user or its address (sent by the {@link DimensionFanout}s)
 *   produces the whole row — once the row is complete: the order exists and its user and address fan-outs have
 *   answered. A row without items is held back for {@code emptyItemsHoldMillis}: in a changelog an order without
 *   items is usually a moment between its insert and its items' inserts, or between deleting and inserting items;
 *   one still empty after the hold is real and written then.</li>
 *   <li>A deleted order produces a deletion, whether or not this run wrote the order: an attempt that failed after
 *   the checkpoint this one restored may have written it (an order that waits for the watermark completes at a
 *   different moment in each attempt), and nothing else would remove that row.</li>
 *   <li>Every event is followed by its position on the topic ({@link ReadModelWrite.Progress}): what the read model
 *   has applied of order_updates, whether or not the event changed a row.</li>
 * </ul>
 */
public final class OrderAssembler extends KeyedProcessFunction<Long, OrderInput, ReadModelWrite> {
    private final long emptyItemsHoldMillis;
    private final String topic;
    private final long snapshotVersion;
    private transient ValueState<Long> status;
    private transient ValueState<OrderBody> body;
    private transient Hold hold;

    /** Holds back the orders the initial snapshot completes instead of emitting them ({@link OrderAssemblerOperator}). */
    interface Hold {
        /** Holds the order just completed, to be rendered again from its state when released. */
        void hold(long orderId);
    }

    /**
     * {@code topic}: order_updates' name, the source its progress is recorded under. {@code snapshotVersion}: the
     * version of the initial snapshot's rows (see ReadModelSink), whose orders {@link OrderAssemblerOperator} holds
     * until a checkpoint containing them completes; {@code Long.MIN_VALUE} for none.
     */
    public OrderAssembler(long emptyItemsHoldMillis, String topic, long snapshotVersion) {
        this.emptyItemsHoldMillis = emptyItemsHoldMillis;
        this.topic = topic;
        this.snapshotVersion = snapshotVersion;
    }

    void holdWith(Hold orderHold) {
        hold = orderHold;
    }

    /**
     * The current key's order as its state holds it at processing time {@code now}; null when it is not complete, was
     * deleted, or waits for items (its timer writes it).
     */
    ReadModelWrite.OrderDetails release(long orderId, long now) throws Exception {
        OrderBody b = body.value();
        if (b == null || !isComplete(b) || waitsForItems(b, now)) {
            return null;
        }
        return details(orderId, b, status.value());
    }

    @Override
    public void open(Configuration parameters) {
        status = getRuntimeContext().getState(new ValueStateDescriptor<>("status-key", Types.LONG));
        body = getRuntimeContext().getState(new ValueStateDescriptor<>("body", OrderBody.TYPE));
    }

    @Override
    public void processElement(OrderInput input, Context ctx, Collector<ReadModelWrite> out) throws Exception {
        if (input instanceof OrderInput.Status s) {
            if (raiseStatus(s.statusKey())) {
                out.collect(new ReadModelWrite.OrderStatus(s.orderId(), s.statusKey()));
            }
            if (s.offset() >= 0) {
                out.collect(new ReadModelWrite.Progress(topic, s.partition(), s.offset(), s.timestamp()));
            }
        } else if (input instanceof OrderInput.OrderRow o && o.row() == null) {
            OrderBody b = current().withOrder(null, o.version());
            out.collect(new ReadModelWrite.Deletion(ReadModelTable.ORDER_DETAILS, o.orderId(), b.version()));
            store(b.withEmptySince(0));
        } else if (input instanceof OrderInput.OrderRow o) {
            long own = StatusKeys.key(o.row().status(), o.row().updatedAt());
            render(current().withOrder(o.row(), o.version()), false, raiseStatus(own) ? own : null, ctx, out);
        } else if (input instanceof OrderInput.Item i) {
            render(current().withItem(i.itemId(), i.row(), i.version()), false, null, ctx, out);
        } else if (input instanceof OrderInput.Items run) {
            OrderBody b = current();
            for (OrderInput.Item i : run.items()) {
                b = b.withItem(i.itemId(), i.row(), i.version());
            }
            render(b, false, null, ctx, out);
        } else if (input instanceof OrderInput.Part p) {
            render(current().withPart(p), false, null, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReadModelWrite> out) throws Exception {
        OrderBody b = body.value();
        if (b != null && b.emptySince() != 0 && timestamp >= b.emptySince() + emptyItemsHoldMillis) {
            render(b, true, null, ctx, out);
        }
    }

    private OrderBody current() throws Exception {
        OrderBody b = body.value();
        return b == null ? OrderBody.EMPTY : b;
    }

    private void store(OrderBody b) throws Exception {
        if (b.isEmpty()) {
            body.clear();
        } else {
            body.update(b);
        }
    }

    private boolean raiseStatus(long key) throws Exception {
        Long current = status.value();
        if (current != null && current >= key) {
            return false;
        }
        status.update(key);
        return true;
    }

    /**
     * Writes the order if it is complete. {@code stored}: {@code b} is the state's value as it is; {@code knownStatus}:
     * the status key when the caller has just written it (else read here).
     */
    private void render(OrderBody b, boolean stored, Long knownStatus, Context ctx, Collector<ReadModelWrite> out)
            throws Exception {
        if (!isComplete(b)) {
            if (!stored) {
                store(b); // not complete yet: the fan-outs answer soon
            }
            return;
        }
        if (b.items().items().length == 0 && emptyItemsHoldMillis > 0) {
            long now = ctx.timerService().currentProcessingTime();
            if (b.emptySince() == 0) {
                ctx.timerService().registerProcessingTimeTimer(now + emptyItemsHoldMillis);
                store(b.withEmptySince(now));
                return;
            }
            if (waitsForItems(b, now)) {
                if (!stored) {
                    store(b);
                }
                return;
            }
        } else if (b.emptySince() != 0) {
            b = b.withEmptySince(0);
            stored = false;
        }
        if (hold != null && rowVersion(b) == snapshotVersion) {
            hold.hold(ctx.getCurrentKey());
        } else {
            out.collect(details(ctx.getCurrentKey(), b, knownStatus != null ? knownStatus : status.value()));
        }
        if (!stored) {
            store(b);
        }
    }

    /** Without items since less than {@code emptyItemsHoldMillis} before {@code now}: its timer writes it. */
    private boolean waitsForItems(OrderBody b, long now) {
        return b.items().items().length == 0 && b.emptySince() != 0 && now < b.emptySince() + emptyItemsHoldMillis;
    }

    /** The order exists and both fan-outs have answered (with the row, or "no such row"). */
    private static boolean isComplete(OrderBody b) {
        ShopRow.Order order = b.order();
        return order != null && b.part(Dimension.USER, order.userId()) != null
                && (order.addressId() == null || b.part(Dimension.ADDRESS, order.addressId()) != null);
    }

    private static long rowVersion(OrderBody b) {
        return Math.max(b.version(), b.items().version());
    }

    private static ReadModelWrite.OrderDetails details(long orderId, OrderBody b, Long statusKey) {
        ShopRow.Order order = b.order();
        String[] user = b.part(Dimension.USER, order.userId()).values();
        String[] address = order.addressId() == null ? null : b.part(Dimension.ADDRESS, order.addressId()).values();
        ItemLines items = new ItemLines(b.items().items());
        return new ReadModelWrite.OrderDetails(orderId, order.userId(),
                user == null ? null : user[0], user == null ? null : user[1], user == null ? null : user[2],
                order.addressId(), address == null ? null : address[0],
                order.totalCents(), order.orderDate(), statusKey,
                items.count(), items.totalCents(), items.details(), items.json(), rowVersion(b));
    }
}
