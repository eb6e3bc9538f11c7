package dev.cqrsorders.job.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a hostile or careless producer writes to order_updates, each with the start of the reason the check must
 * give, or none for the edge cases that are valid events. Event times are relative to the record's Kafka timestamp.
 * Used by the parser's unit test and by the job's integration test (dead letters, original bytes, no restart).
 */
public final class HostileOrderUpdates {
    private HostileOrderUpdates() {}

    /** {@code value} null: a tombstone; {@code reason} null: a valid event for {@code orderId}. */
    public record Case(String name, String key, byte[] value, String reason) {
        public boolean valid() {
            return reason == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The order ids the cases' keys name (all but the mismatched keys are {@code orderId}). */
    public static List<String> keys(long orderId) {
        return List.of(Long.toString(orderId), "0" + orderId, Long.toString(orderId + 1));
    }

    public static List<Case> cases(long orderId, Instant recordTime) {
        String key = Long.toString(orderId);
        String ok = "\"event_id\":\"h\",\"order_id\":" + orderId + ",\"status\":\"ready\",\"source\":\"s\"";
        String at = iso(recordTime.minus(Duration.ofMinutes(1)));
        List<Case> cases = new ArrayList<>();
        bad(cases, "not UTF-8", new byte[] {'{', (byte) 0xC3, 0x28, '}'}, "not JSON: value is not UTF-8");
        bad(cases, "UTF-8 byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}")), "not JSON: starts with a byte order mark");
        bad(cases, "empty value", new byte[0], "empty record");
        bad(cases, "tombstone", null, "empty record");
        bad(cases, "whitespace only", utf8("  \n"), "not a JSON object");
        bad(cases, "array", utf8("[{" + ok + ",\"event_time\":\"" + at + "\"}]"), "not a JSON object");
        bad(cases, "number", utf8("42"), "not a JSON object");
        bad(cases, "string", utf8("\"ready\""), "not a JSON object");
        bad(cases, "null", utf8("null"), "not a JSON object");
        bad(cases, "trailing garbage", utf8("{" + ok + ",\"event_time\":\"" + at + "\"} {}"), "not JSON");
        bad(cases, "two objects", utf8("{" + ok + ",\"event_time\":\"" + at + "\"}{" + ok + ",\"event_time\":\"" + at + "\"}"),
                "not JSON");
        bad(cases, "duplicate order_id", utf8("{" + ok + ",\"order_id\":" + (orderId + 1) + ",\"event_time\":\"" + at + "\"}"),
                "not JSON: Duplicate field 'order_id'");
        bad(cases, "deep nesting", utf8("{" + ok + ",\"event_time\":\"" + at + "\",\"x\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}"), "not JSON");
        bad(cases, "order_id 1e400", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":1e400")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        bad(cases, "order_id 42.0", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":" + orderId + ".0")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        bad(cases, "order_id beyond a long", utf8("{" + ok.replace("\"order_id\":" + orderId,
                "\"order_id\":9223372036854775808") + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        bad(cases, "order_id as string", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":\"" + orderId + "\"")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        bad(cases, "null status", utf8("{" + ok.replace("\"status\":\"ready\"", "\"status\":null")
                + ",\"event_time\":\"" + at + "\"}"), "missing field status");
        bad(cases, "status with a space", utf8("{" + ok.replace("\"ready\"", "\"ready \"")
                + ",\"event_time\":\"" + at + "\"}"), "unknown status 'ready '");
        bad(cases, "empty event_id", utf8("{" + ok.replace("\"event_id\":\"h\"", "\"event_id\":\"\"")
                + ",\"event_time\":\"" + at + "\"}"), "event_id must be a non-empty string");
        bad(cases, "event_time as number", utf8("{" + ok + ",\"event_time\":" + recordTime.toEpochMilli() + "}"),
                "event_time must be a non-empty string");
        bad(cases, "event_time without zone", utf8("{" + ok + ",\"event_time\":\"" + at.replace("Z", "") + "\"}"),
                "event_time is not an ISO-8601 instant");
        bad(cases, "event_time February 30", utf8("{" + ok + ",\"event_time\":\"2026-02-30T12:00:00Z\"}"),
                "event_time is not an ISO-8601 instant");
        bad(cases, "leap second", utf8("{" + ok + ",\"event_time\":\"2016-12-31T23:59:60Z\"}"),
                "event_time is not an ISO-8601 instant");
        bad(cases, "event_time a day and a second ahead", utf8("{" + ok + ",\"event_time\":\""
                + iso(recordTime.plus(Duration.ofDays(1)).plusSeconds(1)) + "\"}"), "event_time out of range");
        bad(cases, "event_time before 2000", utf8("{" + ok + ",\"event_time\":\"1999-12-31T23:59:59.999Z\"}"),
                "event_time out of range");
        bad(cases, "event_time in year 10000", utf8("{" + ok + ",\"event_time\":\"+10000-01-01T00:00:00Z\"}"),
                "event_time out of range");
        cases.add(new Case("key names another order", Long.toString(orderId + 1),
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), "key '" + (orderId + 1) + "' is not the event's order_id"));
        cases.add(new Case("key with a leading zero", "0" + orderId,
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), "key '0" + orderId + "' is not the event's order_id"));
        cases.add(new Case("no key", null, utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), null));
        valid(cases, "nanoseconds", utf8("{" + ok + ",\"event_time\":\"" + at.replace("Z", "123456Z") + "\"}"));
        valid(cases, "a day less a second ahead", utf8("{" + ok + ",\"event_time\":\""
                + iso(recordTime.plus(Duration.ofDays(1)).minusSeconds(1)) + "\"}"));
        valid(cases, "an offset instead of Z", utf8("{" + ok + ",\"event_time\":\""
                + at.replace("Z", "+00:00") + "\"}"));
        valid(cases, "unknown extra fields", utf8("{" + ok + ",\"event_time\":\"" + at + "\",\"x\":{\"y\":[1,2]}}"));
        return cases.stream().map(c -> c.name().equals("no key") || c.key() != null ? c
                : new Case(c.name(), key, c.value(), c.reason())).toList();
    }

    private static void bad(List<Case> cases, String name, byte[] value, String reason) {
        cases.add(new Case(name, null, value, reason));
    }

    private static void valid(List<Case> cases, String name, byte[] value) {
        cases.add(new Case(name, null, value, null));
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static String iso(Instant instant) {
        return MILLIS.format(instant);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
