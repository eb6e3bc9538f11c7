package dev.cqrsorders.job;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.util.Map;
import java.util.TreeMap;

/** Applies a changelog to a map by key, the way an upsert sink would, and exposes the final rows. */
public final class ReadModelState {
    private final Map<Long, Row> rows = new TreeMap<>();
    private final String keyField;

    public ReadModelState(String keyField) {
        this.keyField = keyField;
    }

    public void apply(Row change) {
        Long key = change.getFieldAs(keyField);
        switch (change.getKind()) {
            case INSERT, UPDATE_AFTER -> {
                Row copy = Row.copy(change);
                copy.setKind(RowKind.INSERT);
                rows.put(key, copy);
            }
            case DELETE, UPDATE_BEFORE -> rows.remove(key);
        }
    }

    public Map<Long, Row> rows() {
        return rows;
    }

    public Row get(long key) {
        return rows.get(key);
    }
}
