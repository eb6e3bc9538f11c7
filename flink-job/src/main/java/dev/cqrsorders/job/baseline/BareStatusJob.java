package dev.cqrsorders.job.baseline;

import dev.cqrsorders.job.JobOptions;
import dev.cqrsorders.job.OrderDetailsJob;
import dev.cqrsorders.job.ReadModelPipeline;
import dev.cqrsorders.job.events.OrderUpdate;
import dev.cqrsorders.job.events.OrderUpdateParser;
import dev.cqrsorders.job.events.RawOrderUpdate;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The benchmark's baseline for status events, not part of the read model: order_updates → parse → keyed maximum →
 * set-based write of the status columns, with the job's own source, parser, state type, writer and settings. What the
 * read model's event path costs beyond this is what the job adds. Takes the job's options.
 */
public final class BareStatusJob {
    private BareStatusJob() {}

    public static void main(String[] args) throws Exception {
        Configuration options = JobOptions.fromArgs(args);
        StreamExecutionEnvironment env = OrderDetailsJob.environment(options);
        env.fromSource(ReadModelPipeline.orderUpdatesSource(options), WatermarkStrategy.noWatermarks(), "order_updates")
                .uid("order-updates-source")
                .process(new Parse(), ReadModelWrite.TYPE).name("parse").uid("parse")
                .keyBy(ReadModelWrite::id, Types.LONG)
                .process(new KeyedMax(), ReadModelWrite.TYPE).name("keyed max").uid("keyed-max")
                .transform("write statuses", Types.VOID, ReadModelPipeline.readModelSink(options, Long.MIN_VALUE))
                .uid("write-statuses");
        env.executeAsync(options.get(JobOptions.JOB_NAME));
    }

    /** A valid event as its order's status candidate; invalid records are dropped. */
    static final class Parse extends ProcessFunction<RawOrderUpdate, ReadModelWrite> {
        private final OrderUpdateParser parser = new OrderUpdateParser();

        @Override
        public void processElement(RawOrderUpdate raw, Context ctx, Collector<ReadModelWrite> out) {
            OrderUpdateParser.Result result = parser.parse(raw.key(), raw.value(), raw.timestamp());
            if (result.isValid()) {
                OrderUpdate u = result.update();
                out.collect(new ReadModelWrite.OrderStatus(u.orderId(), u.statusKey()));
            }
        }
    }

    /** The greatest status key per order; only a greater one is written. */
    static final class KeyedMax extends KeyedProcessFunction<Long, ReadModelWrite, ReadModelWrite> {
        private transient ValueState<Long> max;

        @Override
        public void open(Configuration parameters) {
            max = getRuntimeContext().getState(new ValueStateDescriptor<>("status-key", Types.LONG));
        }

        @Override
        public void processElement(ReadModelWrite write, Context ctx, Collector<ReadModelWrite> out) throws Exception {
            long key = ((ReadModelWrite.OrderStatus) write).statusKey();
            Long current = max.value();
            if (current == null || key > current) {
                max.update(key);
                out.collect(write);
            }
        }
    }
}
