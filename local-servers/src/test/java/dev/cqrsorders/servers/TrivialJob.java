package dev.cqrsorders.servers;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A job that runs until cancelled; FlinkClusterITCase packs it into a jar and submits it like the dashboard. */
public final class TrivialJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, Long.MAX_VALUE)
                .map(TrivialJob::slowly)
                .sinkTo(new DiscardingSink<>());
        // never wait for the result: a blocking main makes web submission answer 400
        env.executeAsync(args.length > 0 ? args[0] : "trivial-job");
    }

    private static long slowly(long value) throws InterruptedException {
        Thread.sleep(10);
        return value;
    }
}
