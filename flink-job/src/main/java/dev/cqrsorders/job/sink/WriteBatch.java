package dev.cqrsorders.job.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes waiting for the next flush, at most one per row: a newer version replaces an older one, and an order's
 * status writes fold into the greatest key, each source's progress into its newest position. Applied as one
 * transaction of set-based statements, the progress last: it is true once the rows are.
 */
final class WriteBatch {
    /** Per table: the row's newest upsert or deletion. */
    private final Map<ReadModelTable, Map<Long, ReadModelWrite>> rows = new EnumMap<>(ReadModelTable.class);
    /** order_details status writes by order id (also the status of whole rows, which only moves forward). */
    private final Map<Long, ReadModelWrite.OrderStatus> statuses = new HashMap<>();
    /** Per source and part, the newest position applied. */
    private final Map<SourcePart, ReadModelWrite.Progress> progress = new HashMap<>();

    private record SourcePart(String source, int part) {}

    void add(ReadModelWrite write) {
        if (write instanceof ReadModelWrite.OrderStatus s) {
            addStatus(s);
        } else if (write instanceof ReadModelWrite.Progress p) {
            progress.merge(new SourcePart(p.source(), p.part()), p,
                    (old, now) -> now.position() > old.position() ? now : old);
        } else if (write instanceof ReadModelWrite.OrderDetails d) {
            addRow(d);
            addStatus(new ReadModelWrite.OrderStatus(d.orderId(), d.statusKey()));
        } else {
            addRow(write);
        }
    }

    private void addRow(ReadModelWrite write) {
        rows.computeIfAbsent(write.table(), t -> new LinkedHashMap<>()).merge(write.id(), write,
                (old, now) -> ReadModelStatements.version(now) >= ReadModelStatements.version(old) ? now : old);
    }

    private void addStatus(ReadModelWrite.OrderStatus status) {
        statuses.merge(status.orderId(), status, (old, now) -> now.statusKey() > old.statusKey() ? now : old);
    }

    /** The rows the batch writes (its progress is not counted: it is not a row of the read model). */
    int size() {
        int size = statuses.size();
        for (Map<Long, ReadModelWrite> table : rows.values()) {
            size += table.size();
        }
        return size;
    }

    boolean isEmpty() {
        return size() == 0 && progress.isEmpty();
    }

    /**
     * Every write of the batch, each once: a status a whole row of the batch already carries is not repeated, so a
     * batch made of any of them applies exactly those (the halves when a refused row is searched for).
     */
    List<ReadModelWrite> writes() {
        List<ReadModelWrite> all = new ArrayList<>(size());
        rows.values().forEach(table -> all.addAll(table.values()));
        Map<Long, ReadModelWrite> details = rows.getOrDefault(ReadModelTable.ORDER_DETAILS, Map.of());
        for (ReadModelWrite.OrderStatus status : statuses.values()) {
            if (!(details.get(status.orderId()) instanceof ReadModelWrite.OrderDetails d)
                    || d.statusKey() < status.statusKey()) {
                all.add(status);
            }
        }
        all.addAll(progress.values());
        return all;
    }

    static WriteBatch of(List<ReadModelWrite> writes) {
        WriteBatch batch = new WriteBatch();
        writes.forEach(batch::add);
        return batch;
    }

    /** Projections, then order_details deletions, whole rows and statuses, then the progress; the caller commits. */
    void apply(Connection c, String writer) throws SQLException {
        for (Map.Entry<ReadModelTable, Map<Long, ReadModelWrite>> table : rows.entrySet()) { // in the enum's order
            List<ReadModelWrite.Deletion> deletions = new ArrayList<>();
            List<ReadModelWrite> upserts = new ArrayList<>();
            for (ReadModelWrite w : table.getValue().values()) {
                if (w instanceof ReadModelWrite.Deletion d) {
                    deletions.add(d);
                } else {
                    upserts.add(w);
                }
            }
            ReadModelStatements.delete(c, table.getKey(), deletions);
            ReadModelStatements.upsert(c, table.getKey(), upserts);
        }
        ReadModelStatements.updateStatus(c, statuses.values());
        ReadModelStatements.recordProgress(c, writer, progress.values());
    }
}
