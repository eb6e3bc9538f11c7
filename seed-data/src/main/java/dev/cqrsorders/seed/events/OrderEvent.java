package dev.cqrsorders.seed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** A valid order status event of the contract; {@code eventTime} has millisecond precision. */
public record OrderEvent(UUID eventId, long orderId, OrderStatus status, Instant eventTime) {
    public String source() {
        return status.source();
    }

    public String key() {
        return Long.toString(orderId);
    }

    /** The contract's order statuses, in lifecycle order, each with the service that reports it. */
    public enum OrderStatus {
        CREATED("orders"),
        RECEIVED("orders"),
        PREPARING("kitchen"),
        READY("kitchen"),
        PICKED_UP("delivery"),
        DELIVERED("delivery"),
        CANCELLED("orders");

        private final String source;

        OrderStatus(String source) {
            this.source = source;
        }

        /** As written in the event: lowercase, e.g. {@code picked_up}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String source() {
            return source;
        }
    }

    /**
     * The contract's event JSON: {@code {"event_id":"<uuid>","order_id":42,"status":"preparing","source":"kitchen",
     * "event_time":"2026-11-26T12:00:00.123Z"}}.
     */
    public static final class EventJson {
        public static final String EVENT_ID = "event_id";
        public static final String ORDER_ID = "order_id";
        public static final String STATUS = "status";
        public static final String SOURCE = "source";
        public static final String EVENT_TIME = "event_time";

        private static final ObjectMapper MAPPER = new ObjectMapper();
        // ISO_INSTANT drops ".000" when the millis are zero; the contract's examples always show them
        private static final DateTimeFormatter INSTANT_MILLIS =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        private EventJson() {
        }

        public static String toJson(OrderEvent event) {
            return fields(event).toString();
        }

        public static String formatTime(Instant instant) {
            return INSTANT_MILLIS.format(instant);
        }

        /** The event's fields in the contract's order; a field put again keeps its place. */
        static ObjectNode fields(OrderEvent event) {
            return MAPPER.createObjectNode()
                    .put(EVENT_ID, event.eventId().toString())
                    .put(ORDER_ID, event.orderId())
                    .put(STATUS, event.status().wireName())
                    .put(SOURCE, event.source())
                    .put(EVENT_TIME, formatTime(event.eventTime()));
        }
    }
}
