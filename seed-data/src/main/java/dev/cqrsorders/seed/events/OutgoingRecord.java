package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.OrderEvent.EventJson;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A record to send: key, value bytes, and what it is ({@code malformedKind} only for {@link RecordKind#MALFORMED}). */
public record OutgoingRecord(String key, byte[] value, RecordKind kind, MalformedKind malformedKind) {
    static OutgoingRecord of(OrderEvent event, RecordKind kind) {
        return new OutgoingRecord(event.key(), EventJson.toJson(event).getBytes(StandardCharsets.UTF_8), kind, null);
    }

    static OutgoingRecord malformed(String key, String value, MalformedKind kind) {
        return new OutgoingRecord(key, value.getBytes(StandardCharsets.UTF_8), RecordKind.MALFORMED, kind);
    }

    OutgoingRecord asDuplicate() {
        return new OutgoingRecord(key, value, RecordKind.DUPLICATE, null);
    }

    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** What a record sent to the topic is; every record is exactly one kind. */
    public enum RecordKind {
        /** The next event of an order's lifecycle, in order. */
        VALID,
        /** An event sent again, same event_id, same bytes. */
        DUPLICATE,
        /** An event sent after a later event of the same order; its event_time is the true, earlier one. */
        OUT_OF_ORDER,
        /** A valid event for an order id above every known order: the order does not exist (yet). */
        EARLY,
        /** A record that breaks the contract; see {@link MalformedKind}. */
        MALFORMED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The ways a malformed record breaks the contract. */
    public enum MalformedKind {
        /** Not JSON at all. */
        NOT_JSON,
        /** A valid event cut short. */
        TRUNCATED_JSON,
        /** One of the five fields is missing. */
        MISSING_FIELD,
        /** A field of the wrong JSON type, e.g. {@code "order_id": "abc"}. */
        MISTYPED_FIELD,
        /** A status outside the contract's list. */
        UNKNOWN_STATUS,
        /** An order id below 1. */
        NEGATIVE_ORDER_ID,
        /** A well-formed but absurd time (year 9999): it would pin the order's status forever. */
        FUTURE_TIMESTAMP,
        /** A time that is not an ISO-8601 instant. */
        UNPARSEABLE_TIMESTAMP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
