package dev.cqrsorders.job.stabilize;

import dev.cqrsorders.job.events.OrderStatus;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What makes an order_details version suspicious next to the one already written: its status is behind —
 * (last_order_update, lifecycle stage), the contract's order — or a joined part is gone (the user, the address or
 * every item). Inside a changelog both happen only transiently; for real they are rare (a correction by the order
 * service, a deleted user) and are written once the stabilizer's hold has passed.
 */
public final class OrderDetailsGuard implements ChangelogStabilizer.Guard {
    private static final long serialVersionUID = 2L;
    private final int timeField;
    private final int statusField;
    private final List<Integer> presentFields;
    private final int itemCountField;

    /** {@code presentFields}: columns that should not turn NULL; {@code itemCountField}: should not drop to 0. */
    public OrderDetailsGuard(int timeField, int statusField, List<Integer> presentFields, int itemCountField) {
        this.timeField = timeField;
        this.statusField = statusField;
        this.presentFields = List.copyOf(presentFields);
        this.itemCountField = itemCountField;
    }

    @Override
    public boolean suspicious(Row candidate, Row written) {
        if (compareProgress(candidate, written) < 0) {
            return true;
        }
        for (int field : presentFields) {
            if (written.getField(field) != null && candidate.getField(field) == null) {
                return true;
            }
        }
        return itemCountField >= 0 && positive(written.getField(itemCountField)) && !positive(candidate.getField(itemCountField));
    }

    int compareProgress(Row a, Row b) {
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

    private static boolean positive(Object count) {
        return count instanceof Number n && n.longValue() > 0;
    }
}
