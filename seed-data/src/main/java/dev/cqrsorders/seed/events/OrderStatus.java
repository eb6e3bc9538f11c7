package dev.cqrsorders.seed.events;

import java.util.Locale;

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
