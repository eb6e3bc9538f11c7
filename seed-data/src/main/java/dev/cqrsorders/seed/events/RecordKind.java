package dev.cqrsorders.seed.events;

import java.util.Locale;

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
