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

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a retracting changelog keyed by a primary key into an upsert stream in which a key never disappears
 * transiently. Joins over changelogs emit "delete old row, insert new row" for one key; written as they come, a
 * reader would briefly not find an order that exists. This operator keeps the key's live row versions (a retraction
 * removes its exact version, so retractions overtaken by newer versions across parallel channels are harmless, as in
 * Flink's SinkUpsertMaterializer), emits the newest one as an upsert whenever it changes, and emits a delete only
 * when no version has come back within {@code deleteGraceMillis} of processing time.
 */
public class ChangelogStabilizer<K> extends KeyedProcessFunction<K, Row, Row> {
    private final TypeInformation<Row> rowType;
    private final long deleteGraceMillis;

    private transient ListState<Row> live;
    private transient ValueState<Row> written;
    private transient ValueState<Long> deleteTimer;
    private transient Counter upserts;
    private transient Counter deletes;
    private transient Counter suppressedDeletes;

    public ChangelogStabilizer(TypeInformation<Row> rowType, long deleteGraceMillis) {
        this.rowType = rowType;
        this.deleteGraceMillis = deleteGraceMillis;
    }

    @Override
    public void open(Configuration parameters) {
        live = getRuntimeContext().getListState(new ListStateDescriptor<>("live-versions", rowType));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", rowType));
        deleteTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("delete-timer", Types.LONG));
        upserts = getRuntimeContext().getMetricGroup().counter("stabilizerUpserts");
        deletes = getRuntimeContext().getMetricGroup().counter("stabilizerDeletes");
        suppressedDeletes = getRuntimeContext().getMetricGroup().counter("stabilizerSuppressedDeletes");
    }

    @Override
    public void processElement(Row change, Context ctx, Collector<Row> out) throws Exception {
        Row version = asInsert(change);
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
        live.update(versions);

        if (versions.isEmpty()) {
            if (deleteTimer.value() == null && written.value() != null) {
                long at = ctx.timerService().currentProcessingTime() + deleteGraceMillis;
                ctx.timerService().registerProcessingTimeTimer(at);
                deleteTimer.update(at);
            }
            return;
        }
        Long pending = deleteTimer.value();
        if (pending != null) {
            ctx.timerService().deleteProcessingTimeTimer(pending);
            deleteTimer.clear();
            suppressedDeletes.inc();
        }
        Row newest = versions.get(versions.size() - 1);
        if (!newest.equals(written.value())) {
            written.update(newest);
            upserts.inc();
            out.collect(withKind(newest, RowKind.UPDATE_AFTER));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Row> out) throws Exception {
        deleteTimer.clear();
        Row last = written.value();
        if (last != null && !live.get().iterator().hasNext()) {
            written.clear();
            live.clear();
            deletes.inc();
            out.collect(withKind(last, RowKind.DELETE));
        }
    }

    private static Row asInsert(Row row) {
        return withKind(row, RowKind.INSERT);
    }

    private static Row withKind(Row row, RowKind kind) {
        Row copy = Row.copy(row);
        copy.setKind(kind);
        return copy;
    }
}
