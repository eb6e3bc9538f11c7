package dev.cqrsorders.job;

import dev.cqrsorders.job.shop.BinlogVersion;
import dev.cqrsorders.readmodel.ReadModelSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point (the jar's Main-Class), submittable from the Flink dashboard or {@code flink run}. It migrates the
 * read-model schema, reads MySQL's current binlog position (the version of the initial snapshot's rows), builds the
 * pipeline and submits it without waiting for the result: a {@code main} that blocks on the job makes the
 * dashboard's submission answer 400.
 */
public final class OrderDetailsJob {
    private static final Logger LOG = LoggerFactory.getLogger(OrderDetailsJob.class);

    private OrderDetailsJob() {}

    public static void main(String[] args) throws Exception {
        Configuration options = JobOptions.fromArgs(args);
        if (options.get(JobOptions.MIGRATE)) {
            int applied = ReadModelSchema.migrate(options.get(JobOptions.POSTGRES_URL),
                    options.get(JobOptions.POSTGRES_OWNER_USER), options.get(JobOptions.POSTGRES_OWNER_PASSWORD));
            LOG.info("read-model schema up to date ({} migrations applied)", applied);
        }
        long snapshotVersion = BinlogVersion.current(options);
        StreamExecutionEnvironment env = environment(options);
        ReadModelPipeline.build(env, options, snapshotVersion);
        env.executeAsync(options.get(JobOptions.JOB_NAME));
    }

    /** The environment the job (or a baseline job of the benchmark) is submitted from, {@link #configure configured}. */
    public static StreamExecutionEnvironment environment(Configuration options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, options);
        return env;
    }

    /**
     * Checkpoints, restarts, state backend and latency. Every write the job makes is idempotent and versioned, so a
     * replay applies nothing twice for good; checkpoints are exactly-once (aligned) because the initial snapshot is
     * not replayed identically: its writes wait for a checkpoint that is a consistent cut (see ReadModelSink).
     */
    public static void configure(StreamExecutionEnvironment env, Configuration options) {
        Configuration conf = new Configuration();
        long interval = options.get(JobOptions.CHECKPOINT_INTERVAL).toMillis();
        conf.setString("execution.checkpointing.interval", interval + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.unaligned.enabled",
                options.get(JobOptions.UNALIGNED_CHECKPOINTS).toString());
        conf.setString("execution.checkpointing.min-pause", Math.min(interval / 2, 5000) + " ms");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        // one slow or failed checkpoint is no reason to restart the whole pipeline
        conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
        String checkpointDir = options.get(JobOptions.CHECKPOINT_DIR).trim();
        if (!checkpointDir.isEmpty()) {
            conf.setString("execution.checkpointing.dir", checkpointDir);
        }
        // a transient outage never exhausts the restarts: back off up to a minute, forever
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "1 min");
        conf.setString("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
        conf.setString("restart-strategy.exponential-delay.reset-backoff-threshold", "10 min");
        conf.setString("restart-strategy.exponential-delay.jitter-factor", "0.1");
        String backend = options.get(JobOptions.STATE_BACKEND);
        conf.setString("state.backend.type", backend);
        if ("rocksdb".equals(backend)) {
            conf.setString("execution.checkpointing.incremental", "true");
            // the few timers (an order held back, a snapshot wait) live briefly: on the heap they cost no RocksDB writes
            conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
            // the backfill reads many keys that do not exist yet (an order's first item, its status): a filter
            // answers those without searching the files; uncompressed blocks cost no CPU to read (docs/flink-job.md)
            conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
            conf.setString("state.backend.rocksdb.compression.per.level", "NO_COMPRESSION");
            conf.setString("state.backend.rocksdb.options-factory", RocksDbLevel0Options.class.getName());
            conf.set(JobOptions.ROCKSDB_LEVEL0_COMPACTION_TRIGGER, options.get(JobOptions.ROCKSDB_LEVEL0_COMPACTION_TRIGGER));
        }
        // the held snapshot writes (operator state) are written in 4 KB pieces by default: one system call each (bytes:
        // the option is an int, "1 mb" failed the job when the client applies it, as `flink run` does)
        conf.set(org.apache.flink.configuration.CheckpointingOptions.FS_WRITE_BUFFER_SIZE, 1 << 20);
        // fixed key groups: a savepoint restores at any parallelism up to this (Flink derives 128 up to parallelism 85)
        conf.setString("pipeline.max-parallelism", "128");
        conf.setString("pipeline.generic-types", "false");
        conf.setString("pipeline.object-reuse", "true");
        env.configure(conf);
        env.setBufferTimeout(options.get(JobOptions.BUFFER_TIMEOUT).toMillis());
        int parallelism = options.get(JobOptions.PARALLELISM);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
    }
}
