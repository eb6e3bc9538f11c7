package dev.cqrsorders.job.stabilize;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a retracting changelog keyed by a primary key into an upsert stream without the intermediate states a
 * changelog passes through. One change in MySQL reaches the end of a chain of joins as "retract the old row, add
 * a row with the other side missing, retract that, add the new row"; written as it comes, a reader would see the
 * order vanish, or briefly without its user or items. This operator:
 * <ul>
 *   <li>keeps the key's live row versions (a retraction removes its exact version, so a retraction overtaken by
 *       the newer version on another channel is harmless, as in Flink's SinkUpsertMaterializer);</li>
 *   <li>writes at most once per {@code settleMillis} of processing time per key, the newest live version at that
 *       moment: the transient versions of one change, which arrive back to back, are never written;</li>
 *   <li>writes a delete only when the key has had no live version for {@code deleteGraceMillis};</li>
 *   <li>holds back a version the {@code guard} finds suspicious next to the one already written (a status
 *       moving back, a dimension disappearing) for up to {@code holdMillis}: inside a changelog such a version is
 *       a transient that its successor replaces at once; one still standing after the hold is real (the order
 *       service corrected its status, the user was deleted) and is written.</li>
 * </ul>
 */
public class ChangelogStabilizer<K> extends KeyedProcessFunction<K, Row, Row> {
    private final TypeInformation<Row> rowType;
    private final long settleMillis;
    private final long deleteGraceMillis;
    private final long holdMillis;
    private final Guard guard;

    private transient ListState<Row> live;
    private transient ValueState<Row> written;
    private transient ValueState<Long> timer;
    private transient ValueState<Long> emptySince;
    private transient ValueState<Long> heldSince;
    private transient Counter upserts;
    private transient Counter deletes;
    private transient Counter heldBack;

    /** Decides whether a version may be a transient of the changelog rather than the new truth. */
    public interface Guard extends Serializable {
        boolean suspicious(Row candidate, Row written);
    }

    public ChangelogStabilizer(TypeInformation<Row> rowType, long settleMillis, long deleteGraceMillis,
                               long holdMillis, Guard guard) {
        this.rowType = rowType;
        this.settleMillis = settleMillis;
        this.deleteGraceMillis = deleteGraceMillis;
        this.holdMillis = holdMillis;
        this.guard = guard;
    }

    @Override
    public void open(Configuration parameters) {
        live = getRuntimeContext().getListState(new ListStateDescriptor<>("live-versions", rowType));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", rowType));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
        emptySince = getRuntimeContext().getState(new ValueStateDescriptor<>("empty-since", Types.LONG));
        heldSince = getRuntimeContext().getState(new ValueStateDescriptor<>("held-since", Types.LONG));
        upserts = getRuntimeContext().getMetricGroup().counter("stabilizerUpserts");
        deletes = getRuntimeContext().getMetricGroup().counter("stabilizerDeletes");
        heldBack = getRuntimeContext().getMetricGroup().counter("stabilizerHeldBack");
    }

    @Override
    public void processElement(Row change, Context ctx, Collector<Row> out) throws Exception {
        Row version = withKind(change, RowKind.INSERT);
        List<Row> versions = new ArrayList<>();
        live.get().forEach(versions::add);
        if (change.getKind() == RowKind.INSERT || change.getKind() == RowKind.UPDATE_AFTER) {
            versions.add(version);
        } else {
            int index = versions.lastIndexOf(version);
            if (index >= 0) {
                versions.remove(index);
            }
        }
        long now = ctx.timerService().currentProcessingTime();
        if (versions.isEmpty()) {
            live.clear();
            if (emptySince.value() == null) {
                emptySince.update(now);
            }
        } else {
            live.update(versions);
            emptySince.clear();
        }
        // a pending timer is due within the settle time, except while a regression is held: then look again soon
        Long pending = timer.value();
        if (pending == null || pending > now + settleMillis) {
            long at = now + settleMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Row> out) throws Exception {
        timer.clear();
        Row last = written.value();
        Long empty = emptySince.value();
        if (empty != null) {
            if (last == null) {
                emptySince.clear();
            } else if (timestamp - empty >= deleteGraceMillis) {
                written.clear();
                emptySince.clear();
                deletes.inc();
                out.collect(withKind(last, RowKind.DELETE));
            } else {
                long at = empty + deleteGraceMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                timer.update(at);
            }
            return;
        }
        Row newest = null;
        for (Row row : live.get()) {
            newest = row;
        }
        if (newest == null || newest.equals(last)) {
            heldSince.clear();
            return;
        }
        if (last != null && guard.suspicious(newest, last)) {
            Long held = heldSince.value();
            if (held == null) {
                held = timestamp;
                heldSince.update(held);
                heldBack.inc();
            }
            if (timestamp - held < holdMillis) {
                long at = held + holdMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                timer.update(at);
                return;
            }
        }
        heldSince.clear();
        written.update(newest);
        upserts.inc();
        out.collect(withKind(newest, RowKind.UPDATE_AFTER));
    }

    private static Row withKind(Row row, RowKind kind) {
        Row copy = Row.copy(row);
        copy.setKind(kind);
        return copy;
    }
}
