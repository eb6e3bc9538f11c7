package dev.cqrsorders.job.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The contract's statuses in lifecycle order: on equal timestamps the later stage wins. */
public enum OrderStatus {
    CREATED, RECEIVED, PREPARING, READY, PICKED_UP, DELIVERED, CANCELLED;

    private static final Map<String, OrderStatus> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(OrderStatus::wireName, s -> s));
    private static final OrderStatus[] BY_STAGE = values();

    /** Lower-case name as it appears in events, MySQL and the read model. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** 1 for created … 7 for cancelled; 0 is kept for statuses outside the contract. */
    public int stage() {
        return ordinal() + 1;
    }

    public static Optional<OrderStatus> fromWireName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static Optional<OrderStatus> fromStage(int stage) {
        return stage >= 1 && stage <= BY_STAGE.length ? Optional.of(BY_STAGE[stage - 1]) : Optional.empty();
    }
}
