package dev.cqrsorders.job;

import dev.cqrsorders.readmodel.ReadModelSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point (the jar's Main-Class), submittable from the Flink dashboard or {@code flink run}. It migrates the
 * read-model schema, builds the pipeline and submits it without waiting for the result: a {@code main} that blocks
 * on the job makes the dashboard's submission answer 400.
 */
public final class OrderDetailsJob {
    private static final Logger LOG = LoggerFactory.getLogger(OrderDetailsJob.class);

    private OrderDetailsJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        if (config.migrate()) {
            int applied = ReadModelSchema.migrate(config.postgresUrl(), config.postgresUser(), config.postgresPassword());
            LOG.info("read-model schema up to date ({} migrations applied)", applied);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        OrderDetailsPipeline.build(tEnv, config).attachAsDataStream();
        env.executeAsync(config.jobName());
    }

    /** Checkpointing (exactly-once state), a bounded restart strategy and the selected state backend. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", config.checkpointInterval().toMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.min-pause", Math.min(config.checkpointInterval().toMillis() / 2, 5000) + " ms");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        // one slow or failed checkpoint is no reason to restart the whole pipeline
        conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
        if (!config.checkpointDir().isEmpty()) {
            // otherwise the cluster's execution.checkpointing.dir (set in local-stack and docker-compose)
            conf.setString("execution.checkpointing.dir", config.checkpointDir());
        }
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", Integer.toString(config.restartAttempts()));
        conf.setString("restart-strategy.fixed-delay.delay", config.restartDelay().toMillis() + " ms");
        conf.setString("state.backend.type", config.stateBackend());
        if ("rocksdb".equals(config.stateBackend())) {
            conf.setString("state.backend.incremental", "true");
        }
        env.configure(conf);
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
    }
}
