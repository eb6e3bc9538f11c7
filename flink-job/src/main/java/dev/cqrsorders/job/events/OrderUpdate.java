package dev.cqrsorders.job.events;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A valid order_updates event; {@code eventTime} is the UTC wall-clock time of the status change. */
public record OrderUpdate(String eventId, long orderId, OrderStatus status, String source, LocalDateTime eventTime) {

    /** The event's candidate for its order's status ({@link StatusKeys}). */
    public long statusKey() {
        return StatusKeys.key(status, eventTime.toInstant(ZoneOffset.UTC).toEpochMilli());
    }
}
