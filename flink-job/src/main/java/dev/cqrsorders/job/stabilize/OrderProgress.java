package dev.cqrsorders.job.stabilize;

import dev.cqrsorders.job.events.OrderStatus;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;

/**
 * Progress of an order_details row: (last_order_update, lifecycle stage of order_status), the contract's status
 * order. A row with less progress than the one already written is a transient the stabilizer holds back.
 */
public final class OrderProgress implements ChangelogStabilizer.SerializableComparator {
    private static final long serialVersionUID = 1L;
    private final int timeField;
    private final int statusField;

    public OrderProgress(int timeField, int statusField) {
        this.timeField = timeField;
        this.statusField = statusField;
    }

    @Override
    public int compare(Row a, Row b) {
        LocalDateTime ta = (LocalDateTime) a.getField(timeField);
        LocalDateTime tb = (LocalDateTime) b.getField(timeField);
        if (ta == null || tb == null) {
            return 0;
        }
        int byTime = ta.compareTo(tb);
        return byTime != 0 ? byTime : Integer.compare(stage(a), stage(b));
    }

    private int stage(Row row) {
        return OrderStatus.fromWireName((String) row.getField(statusField)).map(OrderStatus::stage).orElse(0);
    }
}
