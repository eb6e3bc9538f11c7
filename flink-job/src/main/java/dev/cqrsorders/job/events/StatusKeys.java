package dev.cqrsorders.job.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Packs (timestamp, lifecycle stage) into one long that sorts like the contract's status rule: later timestamp
 * first, then later stage. {@code key = epochMillis * 8 + stage}, stage 0 meaning "not a contract status" (an order
 * row whose status the order service set to something else; it still counts by its timestamp, and reads back as
 * {@value #UNKNOWN}).
 */
public final class StatusKeys {
    public static final String UNKNOWN = "unknown";
    private static final int STAGES = 8;

    private StatusKeys() {}

    /** Timestamps are UTC wall-clock values (MySQL DATETIME, Flink TIMESTAMP(3)). */
    public static long key(String status, LocalDateTime at) {
        return key(status, at.toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    public static long key(String status, long epochMillis) {
        int stage = OrderStatus.fromWireName(status == null ? null : status.trim().toLowerCase())
                .map(OrderStatus::stage).orElse(0);
        return Math.multiplyExact(epochMillis, STAGES) + stage;
    }

    public static long key(OrderStatus status, long epochMillis) {
        return Math.multiplyExact(epochMillis, STAGES) + status.stage();
    }

    public static long epochMillis(long key) {
        return Math.floorDiv(key, (long) STAGES);
    }

    public static String status(long key) {
        return OrderStatus.fromStage((int) Math.floorMod(key, (long) STAGES)).map(OrderStatus::wireName).orElse(UNKNOWN);
    }

    public static LocalDateTime time(long key) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis(key)), ZoneOffset.UTC);
    }
}
