package dev.cqrsorders.seed.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cqrsorders.seed.events.OutgoingRecord.MalformedKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An independent reading of the contract's event format, written from CONTRACT.md rather than from the generator:
 * a record is valid when its value is a JSON object with exactly the five fields and their types, a known
 * lowercase status, a positive order id equal to the key, and an ISO-8601 UTC instant with millis and Z that is
 * not absurdly far from now. Invalid records are classified, so tests can compare with what the CLI claims.
 */
public final class EventContract {
    public static final Set<String> STATUSES = Set.of("created", "received", "preparing", "ready", "picked_up",
            "delivered", "cancelled");
    private static final Set<String> FIELDS = Set.of("event_id", "order_id", "status", "source", "event_time");
    private static final Pattern INSTANT_MILLIS_Z = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Instant LATEST_PLAUSIBLE = Instant.parse("2200-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a record breaks the contract; the names match {@link MalformedKind}. */
    public enum Violation {
        NOT_JSON, TRUNCATED_JSON, MISSING_FIELD, MISTYPED_FIELD, UNKNOWN_STATUS, NEGATIVE_ORDER_ID, FUTURE_TIMESTAMP,
        UNPARSEABLE_TIMESTAMP, UNKNOWN_FIELD, KEY_MISMATCH
    }

    /** A valid event as read back. */
    public record Event(String eventId, long orderId, String status, String source, Instant eventTime) {
    }

    private EventContract() {
    }

    public static Optional<Violation> violation(String key, byte[] value) {
        return check(key, value).violation;
    }

    public static Event parse(String key, byte[] value) {
        Result result = check(key, value);
        if (result.event == null) {
            throw new AssertionError("invalid event (" + result.violation.orElseThrow() + "): "
                    + new String(value, StandardCharsets.UTF_8));
        }
        return result.event;
    }

    private record Result(Event event, Optional<Violation> violation) {
        static Result invalid(Violation violation) {
            return new Result(null, Optional.of(violation));
        }
    }

    private static Result check(String key, byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8).strip();
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return Result.invalid(text.startsWith("{") ? Violation.TRUNCATED_JSON : Violation.NOT_JSON);
        }
        if (!(node instanceof ObjectNode object)) {
            return Result.invalid(Violation.NOT_JSON);
        }
        for (String field : FIELDS) {
            if (!object.has(field)) {
                return Result.invalid(Violation.MISSING_FIELD);
            }
        }
        if (object.size() != FIELDS.size()) {
            return Result.invalid(Violation.UNKNOWN_FIELD);
        }
        JsonNode eventId = object.get("event_id");
        JsonNode orderId = object.get("order_id");
        JsonNode status = object.get("status");
        JsonNode source = object.get("source");
        JsonNode eventTime = object.get("event_time");
        if (!eventId.isTextual() || !isUuid(eventId.asText()) || !orderId.isIntegralNumber() || !orderId.canConvertToLong()
                || !status.isTextual() || !source.isTextual() || source.asText().isBlank() || !eventTime.isTextual()) {
            return Result.invalid(Violation.MISTYPED_FIELD);
        }
        if (!STATUSES.contains(status.asText())) {
            return Result.invalid(Violation.UNKNOWN_STATUS);
        }
        if (orderId.asLong() < 1) {
            return Result.invalid(Violation.NEGATIVE_ORDER_ID);
        }
        Instant time;
        try {
            if (!INSTANT_MILLIS_Z.matcher(eventTime.asText()).matches()) {
                throw new DateTimeParseException("not yyyy-MM-ddTHH:mm:ss.SSSZ", eventTime.asText(), 0);
            }
            time = Instant.parse(eventTime.asText());
        } catch (DateTimeParseException e) {
            return Result.invalid(Violation.UNPARSEABLE_TIMESTAMP);
        }
        if (time.isAfter(LATEST_PLAUSIBLE)) {
            return Result.invalid(Violation.FUTURE_TIMESTAMP);
        }
        if (!Long.toString(orderId.asLong()).equals(key)) {
            return Result.invalid(Violation.KEY_MISMATCH);
        }
        return new Result(new Event(eventId.asText(), orderId.asLong(), status.asText(), source.asText(), time),
                Optional.empty());
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
