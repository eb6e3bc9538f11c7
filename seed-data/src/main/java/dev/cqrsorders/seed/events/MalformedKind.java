package dev.cqrsorders.seed.events;

import java.util.Locale;

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
