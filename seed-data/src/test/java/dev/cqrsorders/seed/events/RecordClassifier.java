package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, from the records alone and in the order a consumer reads them, what each one is: malformed (by contract
 * violation), a duplicate (event_id seen before), out of order (older than an event already seen for the order),
 * early (an order id above the highest existing one) or valid. Used to check the CLI's own accounting.
 */
final class RecordClassifier {
    private final long highestExistingOrderId;
    private final Set<String> seenEventIds = new HashSet<>();
    private final Map<Long, Instant> latestByOrder = new HashMap<>();
    private final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
    private final Map<EventContract.Violation, Long> violations = new EnumMap<>(EventContract.Violation.class);

    RecordClassifier(long highestExistingOrderId) {
        this.highestExistingOrderId = highestExistingOrderId;
    }

    RecordKind classify(String key, byte[] value) {
        RecordKind kind = kindOf(key, value);
        kinds.merge(kind, 1L, Long::sum);
        return kind;
    }

    private RecordKind kindOf(String key, byte[] value) {
        Optional<EventContract.Violation> violation = EventContract.violation(key, value);
        if (violation.isPresent()) {
            violations.merge(violation.get(), 1L, Long::sum);
            return RecordKind.MALFORMED;
        }
        EventContract.Event event = EventContract.parse(key, value);
        if (!seenEventIds.add(event.eventId())) {
            return RecordKind.DUPLICATE;
        }
        Instant latest = latestByOrder.get(event.orderId());
        if (latest != null && event.eventTime().isBefore(latest)) {
            return RecordKind.OUT_OF_ORDER;
        }
        latestByOrder.put(event.orderId(), event.eventTime());
        return event.orderId() > highestExistingOrderId ? RecordKind.EARLY : RecordKind.VALID;
    }

    long count(RecordKind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    long count(EventContract.Violation violation) {
        return violations.getOrDefault(violation, 0L);
    }
}
