package dev.cqrsorders.job.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OrderUpdateParserTest {
    private final OrderUpdateParser parser =
            new OrderUpdateParser(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

    private OrderUpdateParser.Result parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
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
        assertThat(parser.parse(null).error()).isEqualTo("empty record: no value");
        assertThat(parser.parse(new byte[0]).error()).isEqualTo("empty record: no value");
        assertThat(parser.parse(new byte[] {(byte) 0xC3, (byte) 0x28}).error()).contains("not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled"})
    void acceptsEveryContractStatus(String status) {
        assertThat(parse("{\"event_id\":\"a\",\"order_id\":1,\"status\":\"" + status
                + "\",\"source\":\"s\",\"event_time\":\"2026-11-26T12:00:00Z\"}").isValid()).isTrue();
    }
}
