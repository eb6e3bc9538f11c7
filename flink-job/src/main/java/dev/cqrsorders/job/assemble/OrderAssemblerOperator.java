package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.util.LongArrayList;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the {@link OrderAssembler} and holds back the orders the initial snapshot completes until a checkpoint that
 * contains them has completed; then it renders them from their state as it is and emits them.
 *
 * <p>Why hold them: a snapshot split read again after a failover is read at a later binlog position, and the binlog
 * changes in between are skipped for it; an order written from the first read whose delete falls in that gap would
 * stay in the read model for good. A completed checkpoint never reads its finished splits again. (The projections'
 * sink holds its rows for the same reason, see ReadModelSink.) Holding order ids, not rendered rows, keeps 8 bytes
 * per order on the heap and in the checkpoint: the order itself is in keyed state already.
 *
 * <p>Orders that binlog changes complete go out at once: the binlog is read only once a checkpoint that contains
 * every snapshot split has completed (ShopMySqlSource makes Flink CDC wait for it at parallelism 1 too), so no split
 * is read again after it. Statuses and deletions go out at once as well: a status finds no row yet or moves it
 * forward, a deletion is right whenever it comes, and the release renders the state as it then is. The watermark
 * waits until nothing is held: behind it, the projections' progress says every change before it is in PostgreSQL.
 */
public final class OrderAssemblerOperator extends KeyedProcessOperator<Long, OrderInput, ReadModelWrite>
        implements OrderAssembler.Hold {
    private static final long serialVersionUID = 1L;
    /** Held orders of a restored checkpoint: complete, so released at the next completed checkpoint. */
    private static final long RESTORED = Long.MIN_VALUE;

    private transient ListState<long[]> heldState;
    /** Held orders by the checkpoint that contains them. */
    private transient TreeMap<Long, long[]> sealed;
    /** Held orders since the last checkpoint. */
    private transient LongArrayList open;
    private transient Watermark heldWatermark;
    private transient StreamRecord<ReadModelWrite> reuse;
    private transient Counter heldCounter;

    public OrderAssemblerOperator(OrderAssembler assembler) {
        super(assembler);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        // union: after a rescale every subtask sees every held order and keeps those whose key it now owns
        heldState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("held-snapshot-orders", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        TaskInfo task = getRuntimeContext().getTaskInfo();
        LongArrayList mine = new LongArrayList(16);
        for (long[] orderIds : heldState.get()) {
            for (long orderId : orderIds) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(orderId, task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                    mine.add(orderId);
                }
            }
        }
        sealed = new TreeMap<>();
        if (!mine.isEmpty()) {
            sealed.put(RESTORED, mine.toArray());
        }
        open = new LongArrayList(1024);
    }

    @Override
    public void open() throws Exception {
        super.open();
        reuse = new StreamRecord<>(null);
        heldCounter = getMetricGroup().counter("ordersHeldForCheckpoint");
        ((OrderAssembler) userFunction).holdWith(this);
    }

    @Override
    public void hold(long orderId) {
        open.add(orderId);
        heldCounter.inc();
    }

    private boolean holdsNothing() {
        return sealed.isEmpty() && open.isEmpty();
    }

    /** The assembler has no event-time timers: the watermark only passes through, once nothing is held. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (holdsNothing()) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (!open.isEmpty()) {
            sealed.put(context.getCheckpointId(), open.toArray());
            open.clear();
        }
        heldState.update(new ArrayList<>(sealed.values()));
    }

    /**
     * The ids, each once, in the order RocksDB keeps their state (key group, then the key's bytes: for positive ids
     * their numeric order). The checkpoint has just flushed their bodies to disk; read in this order, they are a
     * sequential read of those files instead of a random one (each data block read once, not once per order in it).
     */
    private long[] inStateOrder(long[] orderIds) {
        long[] sorted = orderIds.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        long[] byId = Arrays.copyOf(sorted, distinct);
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        long[] byKeyGroup = new long[byId.length];
        for (int i = 0; i < byId.length; i++) {
            byKeyGroup[i] = (long) KeyGroupRangeAssignment.assignToKeyGroup(byId[i], maxParallelism) << 40 | i;
        }
        Arrays.sort(byKeyGroup);
        long[] ordered = new long[byId.length];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = byId[(int) (byKeyGroup[i] & ((1L << 40) - 1))];
        }
        return ordered;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Map<Long, long[]> complete = sealed.headMap(checkpointId, true);
        for (long[] orderIds : complete.values()) {
            release(orderIds);
        }
        complete.clear();
        if (heldWatermark != null && holdsNothing()) {
            Watermark mark = heldWatermark;
            heldWatermark = null;
            super.processWatermark(mark);
        }
    }

    private void release(long[] orderIds) throws Exception {
        OrderAssembler assembler = (OrderAssembler) userFunction;
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (long orderId : inStateOrder(orderIds)) {
            setCurrentKey(orderId);
            ReadModelWrite.OrderDetails row = assembler.release(orderId, now);
            if (row != null) {
                output.collect(reuse.replace(row));
            }
        }
    }
}
