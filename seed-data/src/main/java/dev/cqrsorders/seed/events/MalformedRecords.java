package dev.cqrsorders.seed.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cqrsorders.seed.events.OrderEvent.EventJson;
import dev.cqrsorders.seed.events.OutgoingRecord.MalformedKind;

import java.util.List;
import java.util.Random;

/**
 * Breaks an otherwise valid event in one of the {@link MalformedKind} ways, chosen uniformly. Each result is
 * invalid per the contract, whichever variant is picked.
 */
final class MalformedRecords {
    private static final List<String> FIELDS = List.of(EventJson.EVENT_ID, EventJson.ORDER_ID, EventJson.STATUS,
            EventJson.SOURCE, EventJson.EVENT_TIME);
    private static final List<String> UNKNOWN_STATUSES = List.of("teleported", "refunded", "lost_in_space");
    private static final List<String> UNPARSEABLE_TIMES = List.of("yesterday at noon", "2026-13-45T25:61:00.000Z",
            "26/11/2026 12:00", "");
    private static final MalformedKind[] KINDS = MalformedKind.values();

    private final Random random;

    MalformedRecords(Random random) {
        this.random = random;
    }

    OutgoingRecord make(OrderEvent event) {
        MalformedKind kind = KINDS[random.nextInt(KINDS.length)];
        String key = event.key();
        String status = event.status().wireName();
        ObjectNode fields = EventJson.fields(event);
        return switch (kind) {
            case NOT_JSON -> OutgoingRecord.malformed(key, pick(List.of(
                    "order " + event.orderId() + " is now " + status,
                    "order_id=" + event.orderId() + ",status=" + status,
                    "<event order_id=\"" + event.orderId() + "\" status=\"" + status + "\"/>")), kind);
            case TRUNCATED_JSON -> {
                String json = fields.toString();
                yield OutgoingRecord.malformed(key, json.substring(0, 1 + random.nextInt(json.length() - 1)), kind);
            }
            case MISSING_FIELD -> OutgoingRecord.malformed(key, fields.without(pick(FIELDS)).toString(), kind);
            case MISTYPED_FIELD -> OutgoingRecord.malformed(key, mistyped(fields, event).toString(), kind);
            case UNKNOWN_STATUS -> OutgoingRecord.malformed(key,
                    fields.put(EventJson.STATUS, pick(UNKNOWN_STATUSES)).toString(), kind);
            case NEGATIVE_ORDER_ID -> OutgoingRecord.malformed("-" + key,
                    fields.put(EventJson.ORDER_ID, -event.orderId()).toString(), kind);
            case FUTURE_TIMESTAMP -> OutgoingRecord.malformed(key,
                    fields.put(EventJson.EVENT_TIME, "9999-12-31T23:59:59.999Z").toString(), kind);
            case UNPARSEABLE_TIMESTAMP -> OutgoingRecord.malformed(key,
                    fields.put(EventJson.EVENT_TIME, pick(UNPARSEABLE_TIMES)).toString(), kind);
        };
    }

    private ObjectNode mistyped(ObjectNode fields, OrderEvent event) {
        return switch (random.nextInt(4)) {
            case 0 -> fields.put(EventJson.ORDER_ID, "abc");
            case 1 -> fields.put(EventJson.EVENT_TIME, event.eventTime().toEpochMilli());
            case 2 -> fields.put(EventJson.STATUS, 3);
            default -> fields.putNull(EventJson.EVENT_ID);
        };
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
