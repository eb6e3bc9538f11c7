package dev.cqrsorders.job;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.contrib.streaming.state.ConfigurableRocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

import java.util.Collection;

/**
 * How many level-0 files RocksDB gathers before it merges them into level 1 ({@link
 * JobOptions#ROCKSDB_LEVEL0_COMPACTION_TRIGGER}; Flink 1.20 has no option for it). Each checkpoint flushes every
 * column family's memtable into a level-0 file of its own, so at rest, with RocksDB's 4, a column family's whole
 * level 1 is rewritten every few checkpoints for a handful of changed keys (docs/flink-job.md). The thresholds at
 * which RocksDB slows and stops writes keep their distance above it.
 */
public final class RocksDbLevel0Options implements ConfigurableRocksDBOptionsFactory {
    private static final int SLOWDOWN_ABOVE_TRIGGER = 16;
    private static final int STOP_ABOVE_TRIGGER = 32;

    private int trigger = JobOptions.ROCKSDB_LEVEL0_COMPACTION_TRIGGER.defaultValue();

    @Override
    public RocksDbLevel0Options configure(ReadableConfig configuration) {
        trigger = configuration.get(JobOptions.ROCKSDB_LEVEL0_COMPACTION_TRIGGER);
        return this;
    }

    @Override
    public DBOptions createDBOptions(DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions currentOptions,
                                                   Collection<AutoCloseable> handlesToClose) {
        return currentOptions.setLevel0FileNumCompactionTrigger(trigger)
                .setLevel0SlowdownWritesTrigger(trigger + SLOWDOWN_ABOVE_TRIGGER)
                .setLevel0StopWritesTrigger(trigger + STOP_ABOVE_TRIGGER);
    }
}
