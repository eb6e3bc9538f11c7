package dev.cqrsorders.job.sink;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read model in PostgreSQL as the job's last operator: writes go to a {@link ReadModelWriter} as they come,
 * except what the initial snapshot produced, which is written only once a checkpoint that contains it is complete.
 * (The projections' sink holds so; the order_details sink holds nothing: the assembler holds the snapshot's orders
 * as ids, see OrderAssemblerOperator, and rows a savepoint of an older version held here are still written on restore.)
 *
 * <p>Why: a snapshot split read again after a failover is read at a later binlog position than before, and the
 * binlog changes in between are skipped. A row the first read wrote to PostgreSQL whose delete falls in that gap would
 * stay forever (an order deleted in MySQL still in the read model). A completed checkpoint never reads its finished
 * splits again, so what it covers is final. Binlog and event writes replay identically and their versions make a
 * replay harmless: they are written at once — unless held snapshot writes are still waiting, because the writes of one
 * row must reach PostgreSQL in the order they were made (a status written before the row it belongs to is lost).
 *
 * <p>Held writes are in the operator's state: a crash after a checkpoint completed but before its writes were applied
 * applies them on restore (idempotent, by their versions). They are kept as one list per checkpoint, not as an element
 * each: Flink's operator state stream asks every element for its position, which writes the stream's buffer to its
 * file, one system call per row of the backfill.
 */
public final class ReadModelSink extends AbstractStreamOperator<Void> implements OneInputStreamOperator<ReadModelWrite, Void> {
    private static final long serialVersionUID = 1L;

    /** Where and how to write; the timeouts bound every network call. */
    public record Settings(String url, String user, String password, int maxBatchRows, Duration connectTimeout,
                           Duration socketTimeout, Duration retryTimeout) implements Serializable {}

    /** The held writes as savepoints before 2026-12-05 recorded them, an element each: restored, then emptied. */
    private static final String HELD_ONE_BY_ONE = "held-snapshot-writes";

    private final Settings settings;
    /** The version of the initial snapshot's rows in this run (see ShopChangeDeserializer). */
    private final long snapshotVersion;
    /** The source under which the watermark is recorded in read_model_progress (e.g. {@code shop.*}). */
    private final String watermarkSource;

    private transient ReadModelWriter writer;
    private transient ListState<List<ReadModelWrite>> heldState;
    /** Held writes by the checkpoint that contains them, in the order they came. */
    private transient TreeMap<Long, List<ReadModelWrite>> sealed;
    /** Held writes since the last checkpoint. */
    private transient List<ReadModelWrite> open;
    private transient boolean openHasSnapshotWrites;
    private transient List<ReadModelWrite> restored;
    private transient Counter heldCounter;
    private transient long watermark;

    /**
     * {@code snapshotVersion}: rows with it wait for a checkpoint; {@code Long.MIN_VALUE} for none.
     * {@code watermarkSource}: the progress source the watermark is recorded as (the time up to which every change
     * of that source has been applied by this writer).
     */
    public ReadModelSink(Settings settings, long snapshotVersion, String watermarkSource) {
        this.settings = settings;
        this.snapshotVersion = snapshotVersion;
        this.watermarkSource = watermarkSource;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        heldState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("held-snapshot-write-lists", new ListTypeInfo<>(ReadModelWrite.TYPE)));
        restored = new ArrayList<>();
        // writes of a completed checkpoint (this one) that may not have been applied before the failure
        heldState.get().forEach(restored::addAll);
        if (context.getOperatorStateStore().getRegisteredStateNames().contains(HELD_ONE_BY_ONE)) {
            ListState<ReadModelWrite> older = context.getOperatorStateStore().getListState(
                    new ListStateDescriptor<>(HELD_ONE_BY_ONE, ReadModelWrite.TYPE));
            older.get().forEach(restored::add);
            older.clear();
        }
        sealed = new TreeMap<>();
        open = new ArrayList<>();
    }

    @Override
    public void open() throws Exception {
        super.open();
        heldCounter = getMetricGroup().counter("readModelRowsHeldForCheckpoint");
        // the operator's own name: getOperatorName() is the task's, with the attempt number, a new one each restart
        writer = new ReadModelWriter(settings, getMetricGroup(), getOperatorConfig().getOperatorName(),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        watermark = Long.MIN_VALUE;
        writer.writeAll(restored);
        restored = null;
    }

    @Override
    public void processElement(StreamRecord<ReadModelWrite> element) throws Exception {
        ReadModelWrite write = element.getValue();
        boolean fromSnapshot = isFromSnapshot(write);
        if (fromSnapshot || !sealed.isEmpty() || !open.isEmpty()) {
            open.add(write);
            openHasSnapshotWrites |= fromSnapshot;
            heldCounter.inc();
        } else {
            writer.write(write, null);
        }
    }

    /** Recorded behind the writes before it: held writes hold it back too. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        long time = mark.getTimestamp();
        if (time > watermark && time != Long.MAX_VALUE) {
            watermark = time;
            processElement(new StreamRecord<>(new ReadModelWrite.Progress(watermarkSource, 0, time, time)));
        }
    }

    /**
     * A row of the snapshot this run reads carries exactly {@code snapshotVersion}, and so does a whole order made of
     * such rows and older ones (its version is the greatest of its rows'). Equality, not "at or below": after a
     * resubmission from a savepoint, {@code snapshotVersion} is MySQL's position at the resubmission, and the binlog
     * changes replayed from the savepoint's position up to it are not the snapshot's — held, they would hold back
     * every write until the next checkpoint. Rows an earlier run stamped are covered by the checkpoint restored.
     */
    private boolean isFromSnapshot(ReadModelWrite write) {
        if (write instanceof ReadModelWrite.OrderDetails d) {
            return d.version() == snapshotVersion;
        }
        return write instanceof ReadModelWrite.Projection p && p.version() == snapshotVersion;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        writer.flush(false); // what was written at once is durable before the checkpoint says so
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (!open.isEmpty()) {
            sealed.put(context.getCheckpointId(), open);
            open = new ArrayList<>();
            openHasSnapshotWrites = false;
        }
        heldState.update(new ArrayList<>(sealed.values()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        // handed over without waiting: the task goes on while they are written (the next checkpoint waits for them)
        Map<Long, List<ReadModelWrite>> complete = sealed.headMap(checkpointId, true);
        for (List<ReadModelWrite> writes : complete.values()) {
            writer.writeAll(writes);
        }
        complete.clear();
        // nothing held is waiting any more: writes that are not the snapshot's need not wait for the next checkpoint
        if (sealed.isEmpty() && !openHasSnapshotWrites) {
            writer.writeAll(open);
            open.clear();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            super.close();
        }
    }
}
