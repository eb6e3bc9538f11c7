package dev.cqrsorders.seed.events;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spreads records evenly at a rate: record {@code i} is due at {@code start + i / rate}. Falling more than a second
 * behind (a slow broker) moves the schedule instead of catching up in a burst.
 */
final class Pacer {
    private static final long MAX_LAG_NANOS = 1_000_000_000L;

    private final double nanosPerRecord;
    private final LongSupplier nanoTime;
    private final LongConsumer sleepNanos;
    private long baseNanos;
    private long baseIndex;

    Pacer(double ratePerSecond, LongSupplier nanoTime, LongConsumer sleepNanos) {
        this.nanosPerRecord = 1e9 / ratePerSecond;
        this.nanoTime = nanoTime;
        this.sleepNanos = sleepNanos;
        this.baseNanos = nanoTime.getAsLong();
    }

    /** Waits until record {@code index} (counted from 0) is due. */
    void awaitTurn(long index) {
        long due = baseNanos + (long) ((index - baseIndex) * nanosPerRecord);
        long now = nanoTime.getAsLong();
        if (due > now) {
            sleepNanos.accept(due - now);
        } else if (now - due > MAX_LAG_NANOS) {
            baseNanos = now;
            baseIndex = index;
        }
    }
}
