package dev.cqrsorders.job.events;

import java.util.Arrays;
import java.util.Optional;

/** The contract's statuses in lifecycle order: on equal timestamps the later stage wins. */
public enum OrderStatus {
    CREATED, RECEIVED, PREPARING, READY, PICKED_UP, DELIVERED, CANCELLED;

    /** Lower-case name as it appears in events, MySQL and the read model. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** 1 for created … 7 for cancelled; 0 is kept for statuses outside the contract. */
    public int stage() {
        return ordinal() + 1;
    }

    public static Optional<OrderStatus> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    public static Optional<OrderStatus> fromStage(int stage) {
        return stage >= 1 && stage <= values().length ? Optional.of(values()[stage - 1]) : Optional.empty();
    }
}
