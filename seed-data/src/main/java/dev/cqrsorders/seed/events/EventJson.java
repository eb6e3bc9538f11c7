package dev.cqrsorders.seed.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The contract's event JSON: {@code {"event_id": "<uuid>", "order_id": 42, "status": "preparing",
 * "source": "kitchen", "event_time": "2026-11-26T12:00:00.123Z"}}.
 */
public final class EventJson {
    public static final String EVENT_ID = "event_id";
    public static final String ORDER_ID = "order_id";
    public static final String STATUS = "status";
    public static final String SOURCE = "source";
    public static final String EVENT_TIME = "event_time";

    // ISO_INSTANT drops ".000" when the millis are zero; the contract's examples always show them
    private static final DateTimeFormatter INSTANT_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventJson() {
    }

    public static String toJson(OrderEvent event) {
        return fields(event).render();
    }

    public static String formatTime(Instant instant) {
        return INSTANT_MILLIS.format(instant);
    }

    static JsonFields fields(OrderEvent event) {
        return new JsonFields()
                .string(EVENT_ID, event.eventId().toString())
                .number(ORDER_ID, event.orderId())
                .string(STATUS, event.status().wireName())
                .string(SOURCE, event.source())
                .string(EVENT_TIME, formatTime(event.eventTime()));
    }
}
