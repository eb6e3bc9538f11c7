package dev.cqrsorders.seed.events;

import java.time.Instant;
import java.util.UUID;

/** A valid order status event of the contract; {@code eventTime} has millisecond precision. */
public record OrderEvent(UUID eventId, long orderId, OrderStatus status, Instant eventTime) {
    public String source() {
        return status.source();
    }

    public String key() {
        return Long.toString(orderId);
    }
}
