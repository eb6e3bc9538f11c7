package dev.cqrsorders.job.assemble;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by a user or address id: holds that row's rendered values and the orders that reference it, and sends the
 * values to each of those orders — when an order joins, and to all of them when the row changes. So a user change
 * re-renders exactly that user's orders, and no order keeps a copy of a row it no longer references.
 *
 * <p>In the binlog, a user is inserted before the orders that reference it, so an order that joins an unknown user
 * learns at once that there is none. Not so in the initial snapshot: it reads each table at its own moment (users
 * and addresses before orders, see ShopMySqlSource), so a user inserted after the users were read, and an order of
 * that user read later, reach the job in that order only once the binlog phase replays the insert. An order that
 * joins an unknown row during the snapshot therefore waits until the job's watermark has passed the moment it joined:
 * the watermark comes from the binlog reader alone ({@link ShopChangeRouter}), and a watermark t says every MySQL
 * commit before t has been read — so if the row is still unknown then, it does not exist, and the order is written
 * once, complete, instead of first without its user.
 */
public final class DimensionFanout extends KeyedProcessFunction<Long, DimensionInput, OrderInput> {
    private final Dimension dimension;
    /** The row, or since when orders wait for it (an event-time timer is set); empty when neither. */
    private transient ValueState<DimensionValue> value;
    private transient MapState<Long, Boolean> members;

    public DimensionFanout(Dimension dimension) {
        this.dimension = dimension;
    }

    @Override
    public void open(Configuration parameters) {
        value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", DimensionValue.TYPE));
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.LONG, Types.BOOLEAN));
    }

    @Override
    public void processElement(DimensionInput input, Context ctx, Collector<OrderInput> out) throws Exception {
        long id = ctx.getCurrentKey();
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
            } else if (m.snapshot()) {
                long now = ctx.timerService().currentProcessingTime();
                value.update(DimensionValue.awaited(now)); // the latest join decides: see onTimer
                ctx.timerService().registerEventTimeTimer(now);
            } else {
                out.collect(new OrderInput.Part(m.orderId(), dimension, id, m.version(), null, false));
            }
        } else if (input instanceof DimensionInput.Membership m) {
            members.remove(m.orderId());
            out.collect(new OrderInput.Part(m.orderId(), dimension, id, m.version(), null, true));
        }
    }

    /**
     * The watermark has passed a join's moment: the orders still waiting learn that the row does not exist — once it
     * has passed the latest join's (that join's own timer comes later). A processing-time timer is one an older
     * version of the job set (it waited for the snapshot to go quiet): it waits for the watermark now too.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderInput> out) throws Exception {
        DimensionValue current = value.value();
        if (current == null || current.exists()) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            ctx.timerService().registerEventTimeTimer(current.waitingSince());
            return;
        }
        if (timestamp < current.waitingSince()) {
            return;
        }
        value.clear();
        for (Long orderId : members.keys()) {
            out.collect(new OrderInput.Part(orderId, dimension, ctx.getCurrentKey(), 0, null, false));
        }
    }
}
