package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.OrderEvent.OrderStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The planned status events of one order: created, received, preparing, ready, picked_up, delivered, or cancelled
 * after one of the first three. Event times strictly increase along the lifecycle. One event may be held back to
 * be sent after its successor (out of order).
 */
final class Lifecycle {
    private static final List<OrderStatus> COMPLETE = List.of(OrderStatus.CREATED, OrderStatus.RECEIVED,
            OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP, OrderStatus.DELIVERED);

    private final long orderId;
    private final boolean early;
    private final List<OrderStatus> statuses;
    private int next;
    private long lastMillis;
    private OrderEvent held;

    /** {@code previousMillis}: the order's last event time so far ({@code Long.MIN_VALUE} if none). */
    Lifecycle(long orderId, boolean early, List<OrderStatus> statuses, long previousMillis) {
        this.orderId = orderId;
        this.early = early;
        this.statuses = List.copyOf(statuses);
        this.lastMillis = previousMillis;
    }

    static Lifecycle plan(long orderId, boolean early, long previousMillis, double cancelledShare, Random random) {
        if (random.nextDouble() >= cancelledShare) {
            return new Lifecycle(orderId, early, COMPLETE, previousMillis);
        }
        List<OrderStatus> statuses = new ArrayList<>(COMPLETE.subList(0, 1 + random.nextInt(3)));
        statuses.add(OrderStatus.CANCELLED);
        return new Lifecycle(orderId, early, statuses, previousMillis);
    }

    long orderId() {
        return orderId;
    }

    boolean early() {
        return early;
    }

    List<OrderStatus> statuses() {
        return statuses;
    }

    long lastMillis() {
        return lastMillis;
    }

    /** Events not yet produced (the held one is already produced). */
    int remaining() {
        return statuses.size() - next;
    }

    /** The next event, at {@code clockMillis} or just after this lifecycle's previous event, whichever is later. */
    OrderEvent nextEvent(long clockMillis, Random random) {
        if (remaining() == 0) {
            throw new IllegalStateException("lifecycle of order " + orderId + " is complete");
        }
        long millis = lastMillis == Long.MIN_VALUE ? clockMillis : Math.max(clockMillis, lastMillis + 1);
        lastMillis = millis;
        return new OrderEvent(randomUuid(random), orderId, statuses.get(next++), Instant.ofEpochMilli(millis));
    }

    void hold(OrderEvent event) {
        if (held != null) {
            throw new IllegalStateException("order " + orderId + " already holds an event back");
        }
        held = event;
    }

    boolean hasHeld() {
        return held != null;
    }

    OrderEvent takeHeld() {
        OrderEvent event = held;
        held = null;
        return event;
    }

    /** Can hold its next event back and send the one after first. */
    boolean canSwap() {
        return held == null && remaining() >= 2;
    }

    boolean finished() {
        return remaining() == 0 && held == null;
    }

    /** A version 4 UUID from the seeded generator, so event ids are reproducible too. */
    static UUID randomUuid(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
