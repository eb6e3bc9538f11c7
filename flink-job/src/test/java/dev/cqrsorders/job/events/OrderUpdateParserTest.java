package dev.cqrsorders.job.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class OrderUpdateParserTest {
    /** The Kafka timestamp of the records below. */
    private static final long RECORD_TIME = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    private final OrderUpdateParser parser = new OrderUpdateParser();

    private OrderUpdateParser.Result parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    }

    private static byte[] eventAt(String eventTime) {
        return ("{\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\""
                + eventTime + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static java.util.List<HostileOrderUpdates.Case> hostile() {
        return HostileOrderUpdates.cases(42, Instant.ofEpochMilli(RECORD_TIME));
    }

    /** Every hostile record is refused with its reason by both paths; the valid edge cases are events of order 42. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostile")
    void hostileRecords(HostileOrderUpdates.Case c) {
        byte[] key = c.key() == null ? null : c.key().getBytes(StandardCharsets.UTF_8);
        OrderUpdateParser.Result result = parser.parse(key, c.value(), RECORD_TIME);
        if (c.valid()) {
            assertThat(result.isValid()).as(result.error()).isTrue();
            assertThat(result.update().orderId()).isEqualTo(42);
        } else {
            assertThat(result.error()).startsWith(c.reason());
        }
    }

    @Test
    void theHostileCatalogueHasAtLeast25KindsOfBadRecords() {
        assertThat(hostile().stream().filter(c -> !c.valid())).hasSizeGreaterThanOrEqualTo(25);
    }

    /** At most a day after the record's own timestamp, to the millisecond, on the fast path and the thorough one. */
    @Test
    void anEventMayBeADayAheadOfItsRecordNotMore() {
        for (String time : new String[] {"2026-11-27T12:00:00Z", "2026-11-27T12:00:00.000Z", "2026-11-27T14:00:00+02:00"}) {
            assertThat(parser.parse(eventAt(time), RECORD_TIME).isValid()).as(time).isTrue();
            assertThat(parser.parseThoroughly(eventAt(time), RECORD_TIME).isValid()).as(time).isTrue();
        }
        for (String time : new String[] {"2026-11-27T12:00:00.001Z", "2026-11-27T12:00:01Z", "2026-11-27T14:00:01+02:00"}) {
            assertThat(parser.parse(eventAt(time), RECORD_TIME).error()).as(time).startsWith("event_time out of range");
        }
    }

    /** The bound moves with the record, never with the clock: a replay years later decides every record as before. */
    @Test
    void theBoundIsTheRecordsTimestampNotTheClock() {
        byte[] farAhead = eventAt("2031-06-01T12:00:00Z");
        assertThat(parser.parse(farAhead, Instant.parse("2031-06-01T00:00:00Z").toEpochMilli()).isValid()).isTrue();
        assertThat(parser.parse(farAhead, RECORD_TIME).isValid()).isFalse();
        assertThat(parser.parse(farAhead, -1).isValid()).as("a record without a timestamp has no upper bound").isTrue();
    }

    @Test
    void acceptsTheContractsExample() {
        OrderUpdateParser.Result result = parse("""
                {"event_id": "8d0c", "order_id": 42, "status": "preparing", "source": "kitchen",
                 "event_time": "2026-11-26T12:00:00.123Z"}""");

        assertThat(result.error()).isNull();
        assertThat(result.update()).isEqualTo(new OrderUpdate("8d0c", 42, OrderStatus.PREPARING, "kitchen",
                LocalDateTime.parse("2026-11-26T12:00:00.123")));
    }

    @Test
    void convertsOffsetsToUtcAndIgnoresExtraFields() {
        OrderUpdateParser.Result result = parse("""
                {"event_id": "x", "order_id": 7, "status": "ready", "source": "kitchen",
                 "event_time": "2026-11-26T14:00:00+02:00", "note": "extra"}""");

        assertThat(result.update().eventTime()).isEqualTo(LocalDateTime.parse("2026-11-26T12:00:00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                 | not-json                                                                  | not JSON",
            "truncated                | {\"event_id\": \"a\", \"order_id\": 1                                    | not JSON",
            "trailing garbage         | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} x | not JSON",
            "array                    | [1, 2]                                                                    | not a JSON object",
            "missing event_id         | {\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | missing field event_id",
            "numeric event_id         | {\"event_id\":5,\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | event_id must be a non-empty string",
            "order_id as string       | {\"event_id\":\"a\",\"order_id\":\"abc\",\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | order_id must be an integer number",
            "order_id fraction        | {\"event_id\":\"a\",\"order_id\":1.5,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | order_id must be an integer number",
            "negative order_id        | {\"event_id\":\"a\",\"order_id\":-3,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | order_id must be positive",
            "zero order_id            | {\"event_id\":\"a\",\"order_id\":0,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | order_id must be positive",
            "missing status           | {\"event_id\":\"a\",\"order_id\":1,\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | missing field status",
            "unknown status           | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"shipped\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | unknown status 'shipped'",
            "upper-case status        | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"READY\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"} | unknown status 'READY'",
            "missing source           | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"event_time\":\"2026-11-26T12:00:00Z\"} | missing field source",
            "missing event_time       | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\"} | missing field event_time",
            "unparseable event_time   | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"yesterday\"} | event_time is not an ISO-8601 instant",
            "no zone in event_time    | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00\"} | event_time is not an ISO-8601 instant",
            "epoch millis event_time  | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":1764158400000} | event_time must be a non-empty string",
            "year 9999                | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"9999-01-01T00:00:00Z\"} | event_time out of range",
            "year 1970                | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"1970-01-01T00:00:00Z\"} | event_time out of range",
            "two days ahead           | {\"event_id\":\"a\",\"order_id\":1,\"status\":\"ready\",\"source\":\"s\",\"event_time\":\"2026-11-28T12:00:01Z\"} | event_time out of range",
    })
    void rejectsWithAReason(String name, String record, String reason) {
        OrderUpdateParser.Result result = parse(record);

        assertThat(result.isValid()).isFalse();
        assertThat(result.error()).contains(reason);
    }

    @Test
    void rejectsEmptyAndNonUtf8Values() {
        assertThat(parser.parse(null, RECORD_TIME).error()).isEqualTo("empty record: no value");
        assertThat(parser.parse(new byte[0], RECORD_TIME).error()).isEqualTo("empty record: no value");
        assertThat(parser.parse(new byte[] {(byte) 0xC3, (byte) 0x28}, RECORD_TIME).error()).contains("not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled"})
    void acceptsEveryContractStatus(String status) {
        assertThat(parse("{\"event_id\":\"a\",\"order_id\":1,\"status\":\"" + status
                + "\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"}").isValid()).isTrue();
    }

    /** The fast path answers exactly what the thorough check answers, for valid and invalid records alike. */
    @Test
    void theFastPathAgreesWithTheThoroughCheck() {
        java.util.Random random = new java.util.Random(3);
        String[] times = {"2026-11-26T12:00:00Z", "2026-11-26T12:00:00.1Z", "2026-11-26T12:00:00.123Z",
                "2026-11-26T12:00:00.123456789Z", "2026-11-26T14:00:00+02:00", "2026-02-30T12:00:00Z",
                "2026-11-26T24:00:00Z", "2026-11-26 12:00:00Z", "2026-11-26T12:00:00.Z", "1999-12-31T23:59:59.999Z",
                "2026-11-27T12:00:00.001Z", "2026-11-27T11:59:59.999Z"};
        String[] statuses = {"ready", "delivered", "READY", "", " ", "lost", "cancelled"};
        String[] ids = {"\"a\"", "\"\"", "5", "null", "{\"x\":1}", "\"\\u00e9t\u00e9\""};
        String[] orderIds = {"1", "42", "0", "-1", "1.0", "1e3", "\"7\"", "9223372036854775807", "9223372036854775808"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder json = new StringBuilder("{");
            java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of(
                    "\"event_id\":" + ids[random.nextInt(ids.length)],
                    "\"order_id\":" + orderIds[random.nextInt(orderIds.length)],
                    "\"status\":\"" + statuses[random.nextInt(statuses.length)] + "\"",
                    "\"source\":\"kitchen\"",
                    "\"event_time\":\"" + times[random.nextInt(times.length)] + "\"",
                    "\"extra\":[1,{\"a\":[]}]"));
            java.util.Collections.shuffle(fields, random);
            json.append(String.join(",", fields.subList(0, 4 + random.nextInt(3)))).append('}');
            byte[] record = json.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(record, RECORD_TIME)).as(json.toString())
                    .isEqualTo(parser.parseThoroughly(record, RECORD_TIME));
        }
    }
}
