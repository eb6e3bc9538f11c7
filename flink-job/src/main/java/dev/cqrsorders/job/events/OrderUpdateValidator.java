package dev.cqrsorders.job.events;

import dev.cqrsorders.job.assemble.OrderInput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks each order_updates record against the contract ({@link OrderUpdateParser}): a valid event becomes its
 * order's status candidate (main output), an invalid record a {@link DeadLetter} (side output). Counts both in the
 * operator's metric group: {@code orderUpdatesValid}, {@code orderUpdatesInvalid}. Never throws on input.
 */
public class OrderUpdateValidator extends ProcessFunction<RawOrderUpdate, OrderInput> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("order-updates-dead-letters", DeadLetter.TYPE);

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
    public void processElement(RawOrderUpdate raw, Context ctx, Collector<OrderInput> out) {
        OrderUpdateParser.Result result = parser.parse(raw.key(), raw.value(), raw.timestamp());
        if (result.isValid()) {
            valid.inc();
            OrderUpdate u = result.update();
            out.collect(new OrderInput.Status(u.orderId(), u.statusKey(), raw.partition(), raw.offset(), raw.timestamp()));
        } else {
            invalid.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(raw, result.error(), topic));
        }
    }
}
