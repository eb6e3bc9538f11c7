package dev.cqrsorders.job.baseline;

import dev.cqrsorders.job.JobOptions;
import dev.cqrsorders.job.OrderDetailsJob;
import dev.cqrsorders.job.ReadModelPipeline;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The benchmark's baseline for the backfill, not part of the read model: the job's own CDC source of the four shop
 * tables (snapshot, then binlog) into a sink that discards. Its sink's numRecordsIn tells how fast the tables can be
 * read at all. Takes the job's options.
 */
public final class BareCdcJob {
    private BareCdcJob() {}

    public static void main(String[] args) throws Exception {
        Configuration options = JobOptions.fromArgs(args);
        StreamExecutionEnvironment env = OrderDetailsJob.environment(options);
        env.fromSource(ReadModelPipeline.shopSource(options, 0), WatermarkStrategy.noWatermarks(), "mysql-cdc shop")
                .uid("shop-cdc-source")
                .sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
        env.executeAsync(options.get(JobOptions.JOB_NAME));
    }
}
