package dev.cqrsorders.job.functions;

import dev.cqrsorders.job.events.OrderUpdate;
import dev.cqrsorders.job.events.OrderUpdateParser;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

import java.time.Instant;

/**
 * {@code parse_order_update(record_key, payload, kafka_timestamp)}: the SQL face of {@link OrderUpdateParser}, for the
 * SQL client and ad hoc queries. {@code error} is NULL exactly when the record is a valid event.
 */
@FunctionHint(output = @DataTypeHint("ROW<event_id STRING, order_id BIGINT, status STRING, source STRING, "
        + "event_time TIMESTAMP(3), error STRING>"))
public class ParseOrderUpdate extends ScalarFunction {
    private final OrderUpdateParser parser = new OrderUpdateParser();

    public Row eval(byte[] key, byte[] payload, @DataTypeHint("TIMESTAMP_LTZ(3)") Instant kafkaTimestamp) {
        OrderUpdateParser.Result result = parser.parse(key, payload,
                kafkaTimestamp == null ? -1 : kafkaTimestamp.toEpochMilli());
        if (!result.isValid()) {
            return Row.of(null, null, null, null, null, result.error());
        }
        OrderUpdate u = result.update();
        return Row.of(u.eventId(), u.orderId(), u.status().wireName(), u.source(), u.eventTime(), null);
    }
}
