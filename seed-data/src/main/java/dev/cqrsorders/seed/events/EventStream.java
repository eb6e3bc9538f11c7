package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.RandomStreams;
import dev.cqrsorders.seed.events.OrderEvent.OrderStatus;
import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The endless, reproducible sequence of records to send. A window of orders is "in flight" at once and their
 * lifecycles interleave; each record is, by the configured shares, malformed, a duplicate, a swapped
 * (out-of-order) pair's first half, or simply the next event of a random in-flight order. Orders whose
 * lifecycle completes are replaced by the next order of the pool, or (by the early share) by an early one.
 */
public final class EventStream {
    private static final int RECENT_FOR_DUPLICATES = 1024;

    private final EventStreamSettings settings;
    private final InjectedShares injections;
    private final OrderIdPool pool;
    private final Random random;
    private final MalformedRecords malformed;
    private final RecentRecords recent = new RecentRecords(RECENT_FOR_DUPLICATES);
    private final List<Lifecycle> inFlight = new ArrayList<>();
    private final Set<Long> activeIds = new HashSet<>();
    private final long startMillis;
    private final double earlyProbability;
    private long slot;

    public EventStream(EventStreamSettings settings, long[] knownOrderIds) {
        this.settings = settings;
        this.injections = settings.injections();
        this.random = RandomStreams.stream(settings.seed(), 10);
        this.pool = new OrderIdPool(knownOrderIds, RandomStreams.stream(settings.seed(), 11));
        this.malformed = new MalformedRecords(RandomStreams.stream(settings.seed(), 12));
        this.startMillis = settings.start().toEpochMilli();
        this.earlyProbability = injections.earlyLifecycleProbability();
        int window = Math.min(settings.maxInFlight(), pool.size());
        for (int i = 0; i < window; i++) {
            inFlight.add(newLifecycle());
        }
    }

    /** Order ids above this do not exist: early events use them. */
    public long highestKnownOrderId() {
        return pool.highestKnownId();
    }

    public OutgoingRecord next() {
        long clock = startMillis + (long) (slot++ * 1000.0 / settings.ratePerSecond());
        double roll = random.nextDouble();
        if (roll < injections.malformed()) {
            return malformed.make(templateEvent(clock));
        }
        roll -= injections.malformed();
        if (roll < injections.duplicates() && !recent.isEmpty()) {
            return recent.pickDuplicate(random);
        }
        roll -= injections.duplicates();
        OutgoingRecord record = fromLifecycle(clock, roll < injections.outOfOrder());
        recent.add(record);
        return record;
    }

    private OutgoingRecord fromLifecycle(long clock, boolean swap) {
        Lifecycle lifecycle = swap ? pickSwappable() : pick();
        OrderEvent event;
        RecordKind kind = lifecycle.early() ? RecordKind.EARLY : RecordKind.VALID;
        if (lifecycle.hasHeld()) {
            event = lifecycle.takeHeld();
            kind = RecordKind.OUT_OF_ORDER;
        } else if (swap && lifecycle.canSwap()) {
            // the held event keeps its (earlier) time; it goes out when this order is picked next
            lifecycle.hold(lifecycle.nextEvent(clock, random));
            event = lifecycle.nextEvent(clock, random);
        } else {
            event = lifecycle.nextEvent(clock, random);
        }
        if (lifecycle.finished()) {
            retire(lifecycle);
        }
        return OutgoingRecord.of(event, kind);
    }

    private Lifecycle pick() {
        return inFlight.get(random.nextInt(inFlight.size()));
    }

    private Lifecycle pickSwappable() {
        int first = random.nextInt(inFlight.size());
        for (int i = 0; i < inFlight.size(); i++) {
            Lifecycle candidate = inFlight.get((first + i) % inFlight.size());
            if (candidate.canSwap()) {
                return candidate;
            }
        }
        return inFlight.get(first);
    }

    private void retire(Lifecycle lifecycle) {
        inFlight.remove(lifecycle);
        activeIds.remove(lifecycle.orderId());
        pool.rememberLastMillis(lifecycle.orderId(), lifecycle.lastMillis());
        inFlight.add(newLifecycle());
    }

    private Lifecycle newLifecycle() {
        boolean early = random.nextDouble() < earlyProbability;
        long orderId = early ? pool.nextEarly() : pool.nextKnown(activeIds);
        activeIds.add(orderId);
        return Lifecycle.plan(orderId, early, pool.lastMillis(orderId), settings.cancelledShare(), random);
    }

    /** A plausible event outside any lifecycle, to be broken into a malformed record. */
    private OrderEvent templateEvent(long clock) {
        OrderStatus[] statuses = OrderStatus.values();
        return new OrderEvent(Lifecycle.randomUuid(random), pool.anyKnown(), statuses[random.nextInt(statuses.length)],
                Instant.ofEpochMilli(clock));
    }

    /**
     * How events are generated. Event times are simulated: record {@code i} is stamped {@code start + i / rate}
     * seconds (later if its order's previous event needs it), so they track the wall clock when the rate is met and
     * the whole stream is reproducible from the seed and the start time.
     */
    public record EventStreamSettings(long seed, Instant start, double ratePerSecond, InjectedShares injections,
                                      double cancelledShare, int maxInFlight) {
        public static final int DEFAULT_IN_FLIGHT = 64;

        public EventStreamSettings {
            if (!(ratePerSecond > 0)) {
                throw new IllegalArgumentException("rate must be positive");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be positive");
            }
        }
    }

    /**
     * The share (0.0–1.0) of sent records that are deliberately out of order, duplicated, early or malformed; the
     * rest are valid, in-order events. The shares must add up to at most 1.
     */
    public record InjectedShares(double outOfOrder, double duplicates, double early, double malformed) {
        public static final InjectedShares NONE = new InjectedShares(0, 0, 0, 0);

        public InjectedShares {
            for (double share : new double[] {outOfOrder, duplicates, early, malformed}) {
                if (!(share >= 0.0 && share <= 1.0)) {
                    throw new IllegalArgumentException("a share must be between 0.0 and 1.0, not " + share);
                }
            }
            if (total(outOfOrder, duplicates, early, malformed) > 1.0 + 1e-9) {
                throw new IllegalArgumentException("the shares add up to more than 1.0");
            }
        }

        static double total(double outOfOrder, double duplicates, double early, double malformed) {
            return outOfOrder + duplicates + early + malformed;
        }

        /** The share of records drawn from order lifecycles (valid, out-of-order or early). */
        double lifecycleShare() {
            return 1.0 - duplicates - malformed;
        }

        /** The probability that a new lifecycle is for an early order, so that early records make up {@link #early}. */
        double earlyLifecycleProbability() {
            double lifecycles = lifecycleShare();
            return lifecycles <= 0 ? 0 : Math.min(1.0, early / lifecycles);
        }
    }

    /** The last records sent from lifecycles, to pick duplicates from. */
    static final class RecentRecords {
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
}
