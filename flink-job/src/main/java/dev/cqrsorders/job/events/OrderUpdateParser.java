package dev.cqrsorders.job.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks one order_updates record against the contract. Invalid: not UTF-8 JSON, not an object, a missing or
 * mistyped field, an unknown status, a non-positive order id, or an absurd event time (before 2000 or more than a
 * day after the record's own Kafka timestamp: an event from the future would otherwise pin its order's status until
 * that time). The bound is the record's timestamp, not the clock, so that a replay decides every record as before.
 * A record's key, when it has one, must be the event's order id.
 */
public final class OrderUpdateParser implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    private static final String ALLOWED = Arrays.stream(OrderStatus.values()).map(OrderStatus::wireName)
            .collect(Collectors.joining(", "));

    private transient ObjectMapper json;

    /** The outcome: an event, or the reason the record is invalid. */
    public record Result(OrderUpdate update, String error) {
        static Result invalid(String error) {
            return new Result(null, error);
        }

        public boolean isValid() {
            return update != null;
        }
    }

    /**
     * The check. A well-formed event takes a fast path (Jackson's streaming parser on the bytes, the usual
     * {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} time read by hand); anything unusual takes {@link #parseThoroughly}, which
     * decides and words the reason.
     */
    public Result parse(byte[] key, byte[] payload, long recordTimestamp) {
        Result result = parse(payload, recordTimestamp);
        if (!result.isValid() || key == null || key.length == 0) {
            return result;
        }
        // the contract's key is the order id in decimal: one that names another order routes it wrongly
        long orderId = result.update().orderId();
        if (!isDecimal(key, orderId)) {
            return Result.invalid("key '" + abbreviate(new String(key, StandardCharsets.UTF_8))
                    + "' is not the event's order_id " + orderId);
        }
        return result;
    }

    /** {@code key} is exactly the digits of {@code number} (positive), compared without building a string per event. */
    private static boolean isDecimal(byte[] key, long number) {
        int i = key.length;
        for (long n = number; n > 0; n /= 10) {
            if (i == 0 || key[--i] != '0' + n % 10) {
                return false;
            }
        }
        return i == 0;
    }

    /** The check of a value alone (a record without a key). */
    public Result parse(byte[] payload, long recordTimestamp) {
        Result fast = payload == null || startsWithByteOrderMark(payload) ? null : parseFast(payload, recordTimestamp);
        return fast != null ? fast : parseThoroughly(payload, recordTimestamp);
    }

    /** Not before 2000, nor more than a day after the record's Kafka timestamp (no upper bound without one). */
    private static boolean inRange(Instant eventTime, long recordTimestamp) {
        return !eventTime.isBefore(EARLIEST)
                && (recordTimestamp < 0 || !eventTime.isAfter(Instant.ofEpochMilli(recordTimestamp).plus(MAX_AHEAD)));
    }

    /** The same check on the JSON tree, with a reason for every way a record can be invalid. */
    public Result parseThoroughly(byte[] payload, long recordTimestamp) {
        if (payload == null || payload.length == 0) {
            return Result.invalid("empty record: no value");
        }
        if (startsWithByteOrderMark(payload)) {
            // JSON may not start with one (RFC 8259); Jackson would skip it in bytes but not in text
            return Result.invalid("not JSON: starts with a byte order mark (U+FEFF)");
        }
        JsonNode root;
        try {
            root = mapper().readTree(utf8(payload));
        } catch (CharacterCodingException e) {
            return Result.invalid("not JSON: value is not UTF-8 text");
        } catch (JsonProcessingException e) {
            return Result.invalid("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return Result.invalid("not a JSON object");
        }
        String eventId = text(root, "event_id");
        if (eventId == null) {
            return Result.invalid(stringError(root, "event_id"));
        }
        JsonNode orderIdNode = root.get("order_id");
        if (orderIdNode == null || orderIdNode.isNull()) {
            return Result.invalid("missing field order_id");
        }
        if (!orderIdNode.isIntegralNumber() || !orderIdNode.canConvertToLong()) {
            return Result.invalid("order_id must be an integer number, not " + describe(orderIdNode));
        }
        long orderId = orderIdNode.longValue();
        if (orderId <= 0) {
            return Result.invalid("order_id must be positive, not " + orderId);
        }
        String statusName = text(root, "status");
        if (statusName == null) {
            return Result.invalid(stringError(root, "status"));
        }
        OrderStatus status = OrderStatus.fromWireName(statusName).orElse(null);
        if (status == null) {
            return Result.invalid("unknown status '" + abbreviate(statusName) + "' (allowed: " + ALLOWED + ")");
        }
        String source = text(root, "source");
        if (source == null) {
            return Result.invalid(stringError(root, "source"));
        }
        String eventTimeText = text(root, "event_time");
        if (eventTimeText == null) {
            return Result.invalid(stringError(root, "event_time"));
        }
        Instant eventTime;
        try {
            eventTime = OffsetDateTime.parse(eventTimeText).toInstant();
        } catch (DateTimeParseException e) {
            return Result.invalid("event_time is not an ISO-8601 instant: '" + abbreviate(eventTimeText) + "'");
        }
        if (!inRange(eventTime, recordTimestamp)) {
            return Result.invalid("event_time out of range (2000-01-01 to the record's timestamp + 1 day): "
                    + eventTimeText);
        }
        return new Result(new OrderUpdate(eventId, orderId, status, source,
                LocalDateTime.ofInstant(eventTime, ZoneOffset.UTC)), null);
    }

    /** A valid event, or null when the record needs the thorough check (it may still be valid). */
    private Result parseFast(byte[] payload, long recordTimestamp) {
        String eventId = null;
        String status = null;
        String source = null;
        String eventTime = null;
        long orderId = 0;
        try (JsonParser json = mapper().getFactory().createParser(payload)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "event_id" -> eventId = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "status" -> status = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "source" -> source = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "event_time" -> eventTime = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "order_id" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT
                                && json.getNumberType() != JsonParser.NumberType.LONG) {
                            return null;
                        }
                        orderId = json.getLongValue();
                    }
                    default -> json.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        OrderStatus parsedStatus = OrderStatus.fromWireName(status).orElse(null);
        LocalDateTime time = eventTime == null ? null : utcTime(eventTime);
        if (orderId <= 0 || blank(eventId) || blank(source) || parsedStatus == null || time == null) {
            return null;
        }
        Instant instant = time.toInstant(ZoneOffset.UTC);
        if (!inRange(instant, recordTimestamp)) {
            return null;
        }
        return new Result(new OrderUpdate(eventId, orderId, parsedStatus, source, time), null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} without a time parser, or null for any other form. */
    static LocalDateTime utcTime(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (text.charAt(19) != '.' || n - 21 > 9 || n == 21) {
                return null;
            }
            for (int i = 20; i < n - 1; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                nanos = nanos * 10 + digit;
            }
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean startsWithByteOrderMark(byte[] payload) {
        return payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF;
    }

    /** Trailing tokens and a field given twice ({@code "order_id": 1, "order_id": 2}) make a record invalid. */
    private ObjectMapper mapper() {
        if (json == null) {
            json = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
        return json;
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A non-blank string field, or null. */
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String stringError(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return "missing field " + field;
        }
        return field + " must be a non-empty string, not " + describe(node);
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase();
        return type + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
