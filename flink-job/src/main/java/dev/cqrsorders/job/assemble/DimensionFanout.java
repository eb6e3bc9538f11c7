package dev.cqrsorders.job.assemble;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by a user or address id: holds that row's rendered values and the orders that reference it, and sends the
 * values to each of those orders — when an order joins, and to all of them when the row changes. So a user change
 * re-renders exactly that user's orders, and no order keeps a copy of a row it no longer references.
 *
 * <p>In the binlog, a user is inserted before the orders that reference it, so an order that joins an unknown user
 * learns at once that there is none. The initial snapshot reads users and addresses before orders (the source's
 * table list, see ShopMySqlSource), but each table at its own moment: a row inserted after the users were read and
 * referenced by an order read later is in the binlog, not the snapshot (so is a snapshot that an older savepoint
 * restores mid-way, in MySQL's alphabetical order). So an order that joins an unknown row during the snapshot waits
 * for it, and is told "no such row" only once no snapshot input has reached this fan-out for
 * {@code snapshotQuietMillis} (the snapshot of that table is over) — the order is then written once, complete,
 * instead of first without its user.
 */
public final class DimensionFanout extends KeyedProcessFunction<Long, DimensionInput, OrderInput> {
    private final Dimension dimension;
    private final long snapshotQuietMillis;
    /** The row, or since when orders wait for it (a timer is set); empty when neither. */
    private transient ValueState<DimensionValue> value;
    private transient MapState<Long, Boolean> members;
    /** When this subtask last received a snapshot row or join (not state: after a restore it counts from then). */
    private transient long lastSnapshotInput;

    public DimensionFanout(Dimension dimension, long snapshotQuietMillis) {
        this.dimension = dimension;
        this.snapshotQuietMillis = snapshotQuietMillis;
    }

    @Override
    public void open(Configuration parameters) {
        value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", DimensionValue.TYPE));
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.LONG, Types.BOOLEAN));
        lastSnapshotInput = System.currentTimeMillis();
    }

    @Override
    public void processElement(DimensionInput input, Context ctx, Collector<OrderInput> out) throws Exception {
        long id = ctx.getCurrentKey();
        if (input instanceof DimensionInput.Row r && r.snapshot()
                || input instanceof DimensionInput.Membership m && m.snapshot()) {
            lastSnapshotInput = ctx.timerService().currentProcessingTime();
        }
        if (input instanceof DimensionInput.Row row) {
            if (row.values() == null) {
                value.clear();
            } else {
                value.update(DimensionValue.row(row.values(), row.version()));
            }
            for (Long orderId : members.keys()) {
                out.collect(new OrderInput.Part(orderId, dimension, id, row.version(), row.values(), false));
            }
        } else if (input instanceof DimensionInput.Membership m && m.joined()) {
            members.put(m.orderId(), Boolean.TRUE);
            DimensionValue current = value.value();
            if (current != null && current.exists()) {
                out.collect(new OrderInput.Part(m.orderId(), dimension, id, Math.max(current.version(), m.version()),
                        current.values(), false));
            } else if (m.snapshot() && snapshotQuietMillis > 0) {
                if (current == null) {
                    long now = ctx.timerService().currentProcessingTime();
                    value.update(DimensionValue.awaited(now));
                    ctx.timerService().registerProcessingTimeTimer(now + snapshotQuietMillis);
                }
            } else {
                out.collect(new OrderInput.Part(m.orderId(), dimension, id, m.version(), null, false));
            }
        } else if (input instanceof DimensionInput.Membership m) {
            members.remove(m.orderId());
            out.collect(new OrderInput.Part(m.orderId(), dimension, id, m.version(), null, true));
        }
    }

    /**
     * Once the snapshot has gone quiet, orders still waiting learn that the row does not exist. While it has not, the
     * next look comes after as long again as the wait so far (at most four quiet periods): a long snapshot of the
     * orders would otherwise wake every waiting user once per quiet period.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderInput> out) throws Exception {
        DimensionValue current = value.value();
        if (current == null || current.exists()) {
            return;
        }
        long quietAt = lastSnapshotInput + snapshotQuietMillis;
        if (timestamp < quietAt) {
            long backoff = Math.min(Math.max(timestamp - current.waitingSince(), snapshotQuietMillis),
                    4 * snapshotQuietMillis);
            ctx.timerService().registerProcessingTimeTimer(Math.max(quietAt, timestamp + backoff));
            return;
        }
        value.clear();
        for (Long orderId : members.keys()) {
            out.collect(new OrderInput.Part(orderId, dimension, ctx.getCurrentKey(), 0, null, false));
        }
    }
}
