package dev.cqrsorders.seed.events;

import java.util.Random;

/** The last records sent from lifecycles, to pick duplicates from. */
final class RecentRecords {
    private final OutgoingRecord[] ring;
    private int size;
    private int next;

    RecentRecords(int capacity) {
        ring = new OutgoingRecord[capacity];
    }

    void add(OutgoingRecord record) {
        ring[next] = record;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    boolean isEmpty() {
        return size == 0;
    }

    OutgoingRecord pickDuplicate(Random random) {
        return ring[random.nextInt(size)].asDuplicate();
    }
}
