package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.EventStream.EventStreamSettings;
import dev.cqrsorders.seed.events.EventStream.InjectedShares;
import dev.cqrsorders.seed.events.OutgoingRecord.MalformedKind;
import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EventStreamTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final long[] ORDER_IDS = LongStream.rangeClosed(1, 2000).toArray();

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        InjectedShares injections = new InjectedShares(0.1, 0.1, 0.1, 0.1);

        List<String> first = render(records(7, injections, 5000));
        List<String> again = render(records(7, injections, 5000));
        List<String> other = render(records(8, injections, 5000));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutInjectionsEveryRecordIsValidAndLifecyclesRunForwardInTime() {
        List<OutgoingRecord> records = records(3, InjectedShares.NONE, 20_000);

        Map<Long, List<EventContract.Event>> byOrder = new HashMap<>();
        for (OutgoingRecord record : records) {
            assertThat(record.kind()).isEqualTo(RecordKind.VALID);
            EventContract.Event event = EventContract.parse(record.key(), record.value());
            assertThat(event.orderId()).isBetween(1L, 2000L);
            byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
        }
        for (List<EventContract.Event> events : byOrder.values()) {
            assertLifecyclesInOrder(events);
        }
        assertThat(byOrder.values().stream().flatMap(List::stream).map(EventContract.Event::status).distinct())
                .containsExactlyInAnyOrderElementsOf(EventContract.STATUSES);
    }

    @Test
    void aSmallPoolIsReusedWithoutGoingBackInTime() {
        // 3 orders, 2000 records: many passes over the same ids
        List<OutgoingRecord> records = records(5, InjectedShares.NONE, 2000, new long[] {10, 20, 30}, 1_000_000);

        RecordClassifier classifier = new RecordClassifier(30);
        records.forEach(record -> assertThat(classifier.classify(record.key(), record.value()))
                .isEqualTo(RecordKind.VALID));
    }

    @Test
    void eventTimesFollowTheRateFromTheStartTime() {
        List<OutgoingRecord> records = records(1, InjectedShares.NONE, 1000, ORDER_IDS, 10);

        Instant first = EventContract.parse(records.get(0).key(), records.get(0).value()).eventTime();
        Instant last = EventContract.parse(records.get(999).key(), records.get(999).value()).eventTime();
        assertThat(first).isEqualTo(START);
        // 999 records after the first at 10/s: 99.9 s later
        assertThat(last).isBetween(START.plusMillis(99_900), START.plusMillis(99_900 + 50));
    }

    @Test
    void injectedSharesAreHonouredAndMatchAnIndependentReading() {
        int n = 40_000;
        List<OutgoingRecord> records = records(11, new InjectedShares(0.1, 0.05, 0.15, 0.2), n);

        Map<RecordKind, Long> declared = new EnumMap<>(RecordKind.class);
        RecordClassifier classifier = new RecordClassifier(2000);
        for (OutgoingRecord record : records) {
            declared.merge(record.kind(), 1L, Long::sum);
            assertThat(classifier.classify(record.key(), record.value())).as(record.valueAsString())
                    .isEqualTo(record.kind());
        }
        assertThat(share(declared, RecordKind.OUT_OF_ORDER, n)).isCloseTo(0.10, within(0.015));
        assertThat(share(declared, RecordKind.DUPLICATE, n)).isCloseTo(0.05, within(0.015));
        assertThat(share(declared, RecordKind.EARLY, n)).isCloseTo(0.15, within(0.02));
        assertThat(share(declared, RecordKind.MALFORMED, n)).isCloseTo(0.20, within(0.015));
        assertThat(share(declared, RecordKind.VALID, n)).isCloseTo(0.50, within(0.03));
    }

    @Test
    void everyMalformedKindIsInvalidPerTheContract() {
        List<OutgoingRecord> records = records(13, new InjectedShares(0, 0, 0, 1.0), 4000);

        Map<MalformedKind, Long> kinds = new EnumMap<>(MalformedKind.class);
        for (OutgoingRecord record : records) {
            assertThat(record.kind()).isEqualTo(RecordKind.MALFORMED);
            kinds.merge(record.malformedKind(), 1L, Long::sum);
            assertThat(EventContract.violation(record.key(), record.value())).as(record.valueAsString())
                    .contains(EventContract.Violation.valueOf(record.malformedKind().name()));
        }
        assertThat(kinds.keySet()).isEqualTo(EnumSet.allOf(MalformedKind.class));
        assertThat(kinds.values()).allMatch(count -> count > 4000 / MalformedKind.values().length / 2);
    }

    @Test
    void earlyOrdersAreAboveTheHighestKnownIdAndCountUp() {
        List<OutgoingRecord> records = records(17, new InjectedShares(0, 0, 1.0, 0), 600);

        List<Long> ids = records.stream()
                .map(record -> EventContract.parse(record.key(), record.value()).orderId()).distinct().sorted().toList();
        assertThat(records).allMatch(record -> record.kind() == RecordKind.EARLY);
        assertThat(ids.get(0)).isEqualTo(2001);
        // issued one after another: at most the 64 in flight have not shown up yet
        assertThat(ids.get(ids.size() - 1)).isLessThanOrEqualTo(2000L + ids.size() + 64);
    }

    @Test
    void aShareOfOrdersIsCancelledEarlyOn() {
        List<OutgoingRecord> records = records(19, InjectedShares.NONE, 30_000);

        long cancelled = records.stream().map(r -> EventContract.parse(r.key(), r.value()).status())
                .filter("cancelled"::equals).count();
        long created = records.stream().map(r -> EventContract.parse(r.key(), r.value()).status())
                .filter("created"::equals).count();
        assertThat((double) cancelled / created).isCloseTo(0.1, within(0.03));
    }

    /** Along one order: times strictly increase; statuses advance, restarting only at "created" (a new pass). */
    static void assertLifecyclesInOrder(List<EventContract.Event> events) {
        List<String> stages = List.of("created", "received", "preparing", "ready", "picked_up", "delivered");
        for (int i = 1; i < events.size(); i++) {
            EventContract.Event previous = events.get(i - 1);
            EventContract.Event current = events.get(i);
            assertThat(current.eventTime()).isAfter(previous.eventTime());
            if (current.status().equals("created")) {
                assertThat(previous.status()).isIn("delivered", "cancelled");
            } else if (current.status().equals("cancelled")) {
                assertThat(previous.status()).isIn("created", "received", "preparing");
            } else {
                assertThat(stages.indexOf(current.status())).isEqualTo(stages.indexOf(previous.status()) + 1);
            }
        }
    }

    private static double share(Map<RecordKind, Long> counts, RecordKind kind, int total) {
        return counts.getOrDefault(kind, 0L) / (double) total;
    }

    private static List<OutgoingRecord> records(long seed, InjectedShares injections, int count) {
        return records(seed, injections, count, ORDER_IDS, 1000);
    }

    private static List<OutgoingRecord> records(long seed, InjectedShares injections, int count, long[] ids, double rate) {
        EventStream stream = new EventStream(new EventStreamSettings(seed, START, rate, injections, 0.1,
                EventStreamSettings.DEFAULT_IN_FLIGHT), ids);
        List<OutgoingRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(stream.next());
        }
        return records;
    }

    private static List<String> render(List<OutgoingRecord> records) {
        return records.stream().map(r -> r.key() + " " + r.kind() + " " + r.valueAsString()).toList();
    }
}
