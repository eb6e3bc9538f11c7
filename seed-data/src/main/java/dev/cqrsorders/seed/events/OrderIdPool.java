package dev.cqrsorders.seed.events;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;

/**
 * The order ids events are generated for: the known ones in a shuffled order, pass after pass (a new pass starts
 * the lifecycles again, later in time), and "early" ids above the highest known id, counting up. It remembers
 * the last event time of each known order, so a later pass never goes back in time for that order.
 */
final class OrderIdPool {
    private final long[] ids;
    private final long[] sortedIds;
    private final long[] lastMillis;
    private final long highestKnownId;
    private final Random random;
    private int cursor;
    private long earlyIssued;

    OrderIdPool(long[] knownIds, Random random) {
        if (knownIds.length == 0) {
            throw new IllegalArgumentException("no order ids");
        }
        this.ids = knownIds.clone();
        this.sortedIds = knownIds.clone();
        Arrays.sort(sortedIds);
        this.lastMillis = new long[sortedIds.length];
        Arrays.fill(lastMillis, Long.MIN_VALUE);
        this.highestKnownId = sortedIds[sortedIds.length - 1];
        this.random = random;
        shuffle();
    }

    int size() {
        return ids.length;
    }

    long highestKnownId() {
        return highestKnownId;
    }

    /** The next known id not in {@code active} (an order has one lifecycle at a time). */
    long nextKnown(Set<Long> active) {
        // the rest of this pass, then one whole fresh pass, holds every id
        for (long tries = 0; tries < 2L * ids.length; tries++) {
            if (cursor == ids.length) {
                shuffle();
            }
            long id = ids[cursor++];
            if (!active.contains(id)) {
                return id;
            }
        }
        throw new IllegalStateException("every known order id already has a lifecycle in flight");
    }

    /** The time of the last event of this order's previous lifecycle, or {@code Long.MIN_VALUE}. */
    long lastMillis(long orderId) {
        int index = Arrays.binarySearch(sortedIds, orderId);
        return index < 0 ? Long.MIN_VALUE : lastMillis[index];
    }

    void rememberLastMillis(long orderId, long millis) {
        int index = Arrays.binarySearch(sortedIds, orderId);
        if (index >= 0) {
            lastMillis[index] = Math.max(lastMillis[index], millis);
        }
    }

    long nextEarly() {
        return highestKnownId + ++earlyIssued;
    }

    /** Any known id, for records that are not part of a lifecycle. */
    long anyKnown() {
        return ids[random.nextInt(ids.length)];
    }

    private void shuffle() {
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        cursor = 0;
    }
}
