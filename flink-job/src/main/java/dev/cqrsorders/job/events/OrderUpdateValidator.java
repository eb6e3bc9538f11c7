package dev.cqrsorders.job.events;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits raw order_updates records (record_key, payload, kafka_partition, kafka_offset) into valid events (main
 * output) and dead letters (side output: original key and value bytes plus dlq.* headers). Counts both in the
 * operator's metric group: {@code orderUpdatesValid}, {@code orderUpdatesInvalid}. Never throws on input.
 */
public class OrderUpdateValidator extends ProcessFunction<Row, Row> {
    public static final String[] EVENT_FIELDS = {"event_id", "order_id", "status", "source", "event_time"};
    public static final TypeInformation<Row> EVENT_TYPE = Types.ROW_NAMED(EVENT_FIELDS,
            Types.STRING, Types.LONG, Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME);
    public static final TypeInformation<Row> DEAD_LETTER_TYPE = Types.ROW_NAMED(
            new String[] {"record_key", "payload", "headers"},
            Types.PRIMITIVE_ARRAY(Types.BYTE), Types.PRIMITIVE_ARRAY(Types.BYTE),
            Types.MAP(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE)));
    public static final OutputTag<Row> DEAD_LETTERS = new OutputTag<>("order-updates-dead-letters", DEAD_LETTER_TYPE);

    private final String topic;
    private final OrderUpdateParser parser;
    private transient Counter valid;
    private transient Counter invalid;

    public OrderUpdateValidator(String topic, OrderUpdateParser parser) {
        this.topic = topic;
        this.parser = parser;
    }

    @Override
    public void open(Configuration parameters) {
        valid = getRuntimeContext().getMetricGroup().counter("orderUpdatesValid");
        invalid = getRuntimeContext().getMetricGroup().counter("orderUpdatesInvalid");
    }

    @Override
    public void processElement(Row raw, Context ctx, Collector<Row> out) {
        byte[] key = (byte[]) raw.getField("record_key");
        byte[] payload = (byte[]) raw.getField("payload");
        OrderUpdateParser.Result result = parser.parse(payload);
        if (result.isValid()) {
            OrderUpdate u = result.update();
            valid.inc();
            // positional, in EVENT_FIELDS order
            out.collect(Row.of(u.eventId(), u.orderId(), u.status().wireName(), u.source(), u.eventTime()));
            return;
        }
        invalid.inc();
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("dlq.reason", bytes(result.error()));
        headers.put("dlq.topic", bytes(topic));
        headers.put("dlq.partition", bytes(String.valueOf(raw.getField("kafka_partition"))));
        headers.put("dlq.offset", bytes(String.valueOf(raw.getField("kafka_offset"))));
        ctx.output(DEAD_LETTERS, Row.of(key, payload, headers));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
