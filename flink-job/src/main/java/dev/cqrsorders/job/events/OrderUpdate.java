package dev.cqrsorders.job.events;

import java.time.LocalDateTime;

/** A valid order_updates event; {@code eventTime} is the UTC wall-clock time of the status change. */
public record OrderUpdate(String eventId, long orderId, OrderStatus status, String source, LocalDateTime eventTime) {}
