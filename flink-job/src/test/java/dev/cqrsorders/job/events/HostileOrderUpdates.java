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
        Cases cases = new Cases(Long.toString(orderId));
        String ok = "\"event_id\":\"h\",\"order_id\":" + orderId + ",\"status\":\"ready\",\"source\":\"s\"";
        String at = iso(recordTime.minus(Duration.ofMinutes(1)));
        cases.bad("not UTF-8", new byte[] {'{', (byte) 0xC3, 0x28, '}'}, "not JSON: value is not UTF-8");
        cases.bad("UTF-8 byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}")), "not JSON: starts with a byte order mark");
        cases.bad("empty value", new byte[0], "empty record");
        cases.bad("tombstone", null, "empty record");
        cases.bad("whitespace only", utf8("  \n"), "not a JSON object");
        cases.bad("array", utf8("[{" + ok + ",\"event_time\":\"" + at + "\"}]"), "not a JSON object");
        cases.bad("number", utf8("42"), "not a JSON object");
        cases.bad("string", utf8("\"ready\""), "not a JSON object");
        cases.bad("null", utf8("null"), "not a JSON object");
        cases.bad("trailing garbage", utf8("{" + ok + ",\"event_time\":\"" + at + "\"} {}"), "not JSON");
        cases.bad("two objects", utf8("{" + ok + ",\"event_time\":\"" + at + "\"}{" + ok + ",\"event_time\":\"" + at + "\"}"),
                "not JSON");
        cases.bad("duplicate order_id", utf8("{" + ok + ",\"order_id\":" + (orderId + 1) + ",\"event_time\":\"" + at + "\"}"),
                "not JSON: Duplicate field 'order_id'");
        cases.bad("deep nesting", utf8("{" + ok + ",\"event_time\":\"" + at + "\",\"x\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}"), "not JSON");
        cases.bad("order_id 1e400", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":1e400")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        cases.bad("order_id 42.0", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":" + orderId + ".0")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        cases.bad("order_id beyond a long", utf8("{" + ok.replace("\"order_id\":" + orderId,
                "\"order_id\":9223372036854775808") + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        cases.bad("order_id as string", utf8("{" + ok.replace("\"order_id\":" + orderId, "\"order_id\":\"" + orderId + "\"")
                + ",\"event_time\":\"" + at + "\"}"), "order_id must be an integer number");
        cases.bad("null status", utf8("{" + ok.replace("\"status\":\"ready\"", "\"status\":null")
                + ",\"event_time\":\"" + at + "\"}"), "missing field status");
        cases.bad("status with a space", utf8("{" + ok.replace("\"ready\"", "\"ready \"")
                + ",\"event_time\":\"" + at + "\"}"), "unknown status 'ready '");
        cases.bad("empty event_id", utf8("{" + ok.replace("\"event_id\":\"h\"", "\"event_id\":\"\"")
                + ",\"event_time\":\"" + at + "\"}"), "event_id must be a non-empty string");
        cases.bad("event_time as number", utf8("{" + ok + ",\"event_time\":" + recordTime.toEpochMilli() + "}"),
                "event_time must be a non-empty string");
        cases.bad("event_time without zone", utf8("{" + ok + ",\"event_time\":\"" + at.replace("Z", "") + "\"}"),
                "event_time is not an ISO-8601 instant");
        cases.bad("event_time February 30", utf8("{" + ok + ",\"event_time\":\"2026-02-30T12:00:00Z\"}"),
                "event_time is not an ISO-8601 instant");
        cases.bad("leap second", utf8("{" + ok + ",\"event_time\":\"2016-12-31T23:59:60Z\"}"),
                "event_time is not an ISO-8601 instant");
        cases.bad("event_time a day and a second ahead", utf8("{" + ok + ",\"event_time\":\""
                + iso(recordTime.plus(Duration.ofDays(1)).plusSeconds(1)) + "\"}"), "event_time out of range");
        cases.bad("event_time before 2000", utf8("{" + ok + ",\"event_time\":\"1999-12-31T23:59:59.999Z\"}"),
                "event_time out of range");
        cases.bad("event_time in year 10000", utf8("{" + ok + ",\"event_time\":\"+10000-01-01T00:00:00Z\"}"),
                "event_time out of range");
        cases.add(new Case("key names another order", Long.toString(orderId + 1),
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), "key '" + (orderId + 1) + "' is not the event's order_id"));
        cases.add(new Case("key with a leading zero", "0" + orderId,
                utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), "key '0" + orderId + "' is not the event's order_id"));
        cases.add(new Case("no key", null, utf8("{" + ok + ",\"event_time\":\"" + at + "\"}"), null));
        cases.valid("nanoseconds", utf8("{" + ok + ",\"event_time\":\"" + at.replace("Z", "123456Z") + "\"}"));
        cases.valid("a day less a second ahead", utf8("{" + ok + ",\"event_time\":\""
                + iso(recordTime.plus(Duration.ofDays(1)).minusSeconds(1)) + "\"}"));
        cases.valid("an offset instead of Z", utf8("{" + ok + ",\"event_time\":\""
                + at.replace("Z", "+00:00") + "\"}"));
        cases.valid("unknown extra fields", utf8("{" + ok + ",\"event_time\":\"" + at + "\",\"x\":{\"y\":[1,2]}}"));
        // RFC 3339 allows a lowercase z, and java.time parses it: valid
        cases.valid("lowercase z", utf8("{" + ok + ",\"event_time\":\"" + at.replace("Z", "z") + "\"}"));
        cases.bad("~1 MB of garbage", utf8("~".repeat(1_000_000)), "not JSON");
        return cases.all();
    }

    /** The cases so far; {@link #bad} and {@link #valid} give a record the order's own key. */
    private record Cases(String key, List<Case> all) {
        Cases(String key) {
            this(key, new ArrayList<>());
        }

        void bad(String name, byte[] value, String reason) {
            all.add(new Case(name, key, value, reason));
        }

        void valid(String name, byte[] value) {
            all.add(new Case(name, key, value, null));
        }

        void add(Case c) {
            all.add(c);
        }
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
