package org.apache.flink.cdc.connectors.mysql.source;

import dev.cqrsorders.job.shop.BinlogReconnectWatch;
import dev.cqrsorders.job.shop.BinlogVersion;
import dev.cqrsorders.job.shop.ShopChange;
import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.debezium.jdbc.JdbcConnection;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.cdc.connectors.mysql.MySqlValidator;
import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.debezium.reader.BinlogSplitReader;
import org.apache.flink.cdc.connectors.mysql.debezium.task.context.StatefulTaskContext;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlHybridSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.HybridPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.enumerator.MySqlSourceEnumerator;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReader;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReaderContext;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSplitReader;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.split.SourceRecords;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.mysql.source.utils.hooks.SnapshotPhaseHooks;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.apache.flink.util.FlinkRuntimeException;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flink CDC's MySQL source with the changes the job needs. In this package because the constructor that takes an
 * emitter is package-private (Flink CDC's pipeline connector, MySqlDataSource, uses it the same way).
 * <ul>
 *   <li>The binlog reader's heartbeats go downstream, as {@link ShopChange#heartbeat}s carrying the position the
 *   reader has reached: Flink CDC's own emitter only moves the split's offset with them, and the job needs them to
 *   tell how far it has read when no shop table changes.</li>
 *   <li>The initial snapshot reads the tables in the order of the source's table list, order_items and orders
 *   interleaved ({@link ShopSplitAssigner}); Flink CDC reads them one after the other in the order MySQL
 *   lists them (alphabetical: addresses, order_items, orders, users), and the list only filters. With users and
 *   addresses first and items just before their orders, an order is complete when its own row arrives and is written
 *   while the source reads on, instead of all orders at the end, when the users arrive (docs/flink-job.md, "Where
 *   the backfill stands").</li>
 *   <li>The binlog split waits for a checkpoint that contains every snapshot split at parallelism 1 too, as Flink CDC
 *   makes it wait at higher parallelism ({@code assignerParallelism}).</li>
 *   <li>The binlog split carries the table schemas the snapshot read the tables with ({@link ShopSplitAssigner}).</li>
 *   <li>The snapshot chunks are read with a Debezium poll interval of their own, one at a time, each by a Debezium
 *   reader of its own ({@link SnapshotSplitsApart}).</li>
 *   <li>A binlog client that reconnected in the middle of a transaction fails the reader, which Flink restores from
 *   the last checkpoint ({@link BinlogReconnectWatch}).</li>
 * </ul>
 */
public final class ShopMySqlSource extends MySqlSource<ShopChange> {
    private static final long serialVersionUID = 1L;
    private static final String ENUMERATOR_SERVER_NAME = "mysql_source_split_enumerator";

    private final MySqlSourceConfigFactory snapshotConfigs;
    private final RecordEmitterSupplier<ShopChange> emitters;

    private ShopMySqlSource(MySqlSource<ShopChange> source, MySqlSource<ShopChange> snapshotSource,
                            DebeziumDeserializationSchema<ShopChange> deserializer,
                            RecordEmitterSupplier<ShopChange> emitters) {
        super(source.getConfigFactory(), deserializer, emitters);
        this.snapshotConfigs = snapshotSource.getConfigFactory();
        this.emitters = emitters;
    }

    /**
     * {@code source} with the same configuration and deserializer, heartbeats forwarded, tables in list order; its
     * snapshot splits read as configured in {@code snapshotSource} (the same source, another Debezium poll interval).
     */
    public static MySqlSource<ShopChange> of(MySqlSource<ShopChange> source, MySqlSource<ShopChange> snapshotSource,
                                             DebeziumDeserializationSchema<ShopChange> deserializer) {
        return new ShopMySqlSource(source, snapshotSource, deserializer,
                (metrics, config) -> new Emitter(deserializer, metrics, config.isIncludeSchemaChanges()));
    }

    /** As Flink CDC's, with a split reader of their own for the snapshot splits ({@link SnapshotSplitsApart}). */
    @Override
    public SourceReader<ShopChange, MySqlSplit> createReader(SourceReaderContext readerContext) {
        int subtask = readerContext.getIndexOfSubtask();
        MySqlSourceConfig config = getConfigFactory().createConfig(subtask);
        MySqlSourceConfig snapshotConfig = snapshotConfigs.createConfig(subtask);
        MySqlSourceReaderMetrics metrics = new MySqlSourceReaderMetrics(readerContext.metricGroup());
        metrics.registerMetrics();
        MySqlSourceReaderContext context = new MySqlSourceReaderContext(readerContext);
        return new MySqlSourceReader<>(new FutureCompletingBlockingQueue<>(),
                () -> splitReader(config, snapshotConfig, subtask, context, SnapshotPhaseHooks.empty()),
                emitters.get(metrics, config),
                readerContext.getConfiguration(), context, config);
    }

    /**
     * A reader's split reader ({@link SnapshotSplitsApart}): the binlog split read as {@code config} says, the snapshot
     * splits as {@code snapshotConfig} says, with {@code hooks} run around each snapshot chunk's watermarks (tests).
     */
    public static MySqlSplitReader splitReader(MySqlSourceConfig config, MySqlSourceConfig snapshotConfig, int subtask,
                                               MySqlSourceReaderContext context, SnapshotPhaseHooks hooks) {
        return new SnapshotSplitsApart(config, new MySqlSplitReader(snapshotConfig, subtask, context, hooks), subtask,
                context);
    }

    /** As Flink CDC's for a snapshot followed by the binlog, with the tables handed over in list order. */
    @Override
    public SplitEnumerator<MySqlSplit, PendingSplitsState> createEnumerator(SplitEnumeratorContext<MySqlSplit> context) {
        MySqlSourceConfig config = getConfigFactory().createConfig(0, ENUMERATOR_SERVER_NAME);
        if (config.getStartupOptions().isSnapshotOnly() || config.getStartupOptions().isStreamOnly()) {
            return super.createEnumerator(context);
        }
        new MySqlValidator(config).validate();
        try (JdbcConnection jdbc = DebeziumUtils.openJdbcConnection(config)) {
            List<TableId> tables = inListOrder(DebeziumUtils.discoverCapturedTables(jdbc, config), config.getTableList());
            return new MySqlSourceEnumerator(context, config, new ShopSplitAssigner(config, assignerParallelism(context),
                    tables, DebeziumUtils.isTableIdCaseSensitive(jdbc), context), getBoundedness());
        } catch (Exception e) {
            throw new FlinkRuntimeException("Failed to discover captured tables for enumerator", e);
        }
    }

    /** As Flink CDC's, with the binlog split waiting for a checkpoint at every parallelism. */
    @Override
    public SplitEnumerator<MySqlSplit, PendingSplitsState> restoreEnumerator(SplitEnumeratorContext<MySqlSplit> context,
                                                                          PendingSplitsState checkpoint) {
        if (!(checkpoint instanceof HybridPendingSplitsState hybrid)) {
            return super.restoreEnumerator(context, checkpoint);
        }
        MySqlSourceConfig config = getConfigFactory().createConfig(0, ENUMERATOR_SERVER_NAME);
        return new MySqlSourceEnumerator(context, config,
                new ShopSplitAssigner(config, assignerParallelism(context), hybrid, context), getBoundedness());
    }

    /**
     * The parallelism the split assigner is told: the source's, but at least 2. Flink CDC 3.5 uses it only to hand
     * out the binlog split at parallelism 1 as soon as the last snapshot split is read, without waiting for a
     * checkpoint that contains them all. A TaskManager lost before that checkpoint gives the splits read since the
     * last one back, yet the assigner stays "finished": the next split request makes it build the binlog split from a
     * split without an end offset, a NullPointerException at every restart (FLINK-40052, unreleased). Waiting for one
     * checkpoint costs at most an interval at the snapshot's end; the assembler relies on it (OrderAssemblerOperator).
     */
    private static int assignerParallelism(SplitEnumeratorContext<MySqlSplit> context) {
        return Math.max(2, context.currentParallelism());
    }

    /** {@code tables} ordered as their names stand in {@code tableList}; tables it does not name last. */
    public static List<TableId> inListOrder(List<TableId> tables, List<String> tableList) {
        List<TableId> ordered = new ArrayList<>(tables);
        ordered.sort(Comparator.comparingInt(table -> {
            int position = tableList.indexOf(table.identifier());
            return position < 0 ? Integer.MAX_VALUE : position;
        }));
        return ordered;
    }

    /**
     * Flink CDC's assigner with two changes.
     *
     * <p>The order_items and orders chunks are handed out interleaved, in proportion, each orders chunk after the
     * items chunks in front of it and one more ({@link #ITEMS_AHEAD}), instead of every items chunk first: an order's
     * body is then still in RocksDB's memtable when its row comes, moments after its items, rather than read back from
     * files written a minute before (12 % less TaskManager CPU in the backfill), and the orders' work also fills the
     * time the items' reads wait for MySQL (docs/flink-job.md, "Where the backfill stands"). The splits are taken from
     * Flink CDC's assigner as it makes them and given back to it before each checkpoint, so its state holds them as
     * not yet assigned.
     *
     * <p>The binlog split is handed out with the schemas the snapshot's chunks were read with. Flink CDC 3.5 hands it
     * out without any, and the reader then asks MySQL for the tables' schemas as they are when it starts — yet it
     * reads the binlog from the first chunk's end on: a column added in between (a DBA's ALTER just after the
     * snapshot) made it decode the older rows with the newer schema, "Data row is smaller than a column index", at
     * every restart (SchemaChangeITCase; apache/flink-cdc#732). Those schemas are the ones current at the reader's
     * start offset, and the binlog's own DDL moves them on from there.
     */
    private static final class ShopSplitAssigner extends MySqlHybridSplitAssigner {
        /** Items chunks handed out beyond those in proportion before an orders chunk: the readers read ahead. */
        private static final int ITEMS_AHEAD = 1;
        private final Map<TableId, TableChange> schemas = new HashMap<>();
        /** Taken from Flink CDC's assigner, not handed out yet: chunks of the other tables, of items, of orders. */
        private final Deque<MySqlSnapshotSplit> others = new ArrayDeque<>();
        private final Deque<MySqlSnapshotSplit> items = new ArrayDeque<>();
        private final Deque<MySqlSnapshotSplit> orders = new ArrayDeque<>();
        /** Items chunks per orders chunk, as counted when both were first taken. */
        private double itemsPerOrders = -1;

        ShopSplitAssigner(MySqlSourceConfig config, int parallelism, List<TableId> tables, boolean caseSensitive,
                          SplitEnumeratorContext<MySqlSplit> context) {
            super(config, parallelism, tables, caseSensitive, context);
        }

        ShopSplitAssigner(MySqlSourceConfig config, int parallelism, HybridPendingSplitsState checkpoint,
                          SplitEnumeratorContext<MySqlSplit> context) {
            super(config, parallelism, checkpoint, context);
            schemas.putAll(checkpoint.getSnapshotPendingSplits().getTableSchemas());
        }

        @Override
        public Optional<MySqlSplit> getNext() {
            // the tables are split in list order: while the others' chunks come, take them one at a time
            while (others.isEmpty()) {
                Optional<MySqlSplit> next = super.getNext();
                if (next.isEmpty()) {
                    break;
                }
                MySqlSplit split = next.get();
                if (split.isBinlogSplit()) {
                    // Flink CDC makes it only once every snapshot chunk has been read: none is taken
                    return split.asBinlogSplit().getTableSchemas().isEmpty()
                            ? Optional.of(MySqlBinlogSplit.fillTableSchemas(split.asBinlogSplit(), new HashMap<>(schemas)))
                            : next;
                }
                MySqlSnapshotSplit chunk = split.asSnapshotSplit();
                schemas.putAll(chunk.getTableSchemas());
                switch (chunk.getTableId().table()) {
                    case "order_items" -> items.add(chunk);
                    case "orders" -> orders.add(chunk);
                    default -> others.add(chunk);
                }
            }
            if (!others.isEmpty()) {
                return Optional.of(others.poll());
            }
            if (itemsPerOrders < 0 && !orders.isEmpty()) {
                itemsPerOrders = (double) items.size() / orders.size();
            }
            boolean ordersNext = items.isEmpty()
                    || !orders.isEmpty() && items.size() + ITEMS_AHEAD <= (orders.size() - 1) * itemsPerOrders;
            return Optional.ofNullable(ordersNext ? orders.poll() : items.poll());
        }

        /** The chunks taken and not handed out go back first: the checkpoint holds them as not assigned yet. */
        @Override
        public PendingSplitsState snapshotState(long checkpointId) {
            List<MySqlSplit> taken = new ArrayList<>(others);
            taken.addAll(items);
            taken.addAll(orders);
            others.clear();
            items.clear();
            orders.clear();
            super.addSplits(taken);
            return super.snapshotState(checkpointId);
        }
    }

    /**
     * Flink CDC's split reader for the binlog split, handing the snapshot splits to another configured for them.
     * Debezium hands a reader its rows when a batch is full or the poll interval has passed (it waits for the
     * interval on an empty queue too), so every snapshot chunk ends with one such wait, and Flink CDC's closing of
     * the chunk's reader adds another: at the binlog reader's 100 ms, ~150 ms per chunk of 8,096 rows, which held the
     * bare CDC job to 12k orders/s instead of 18–21k (docs/flink-job.md, "Where the backfill stands"). A short
     * interval for the binlog reader instead costs the idle job 7 % of a core (it wakes every interval).
     * Only for a snapshot followed by the binlog (the job's): Flink CDC's newly-added-tables mode, which interleaves
     * the two, is not enabled.
     */
    private static final class SnapshotSplitsApart extends MySqlSplitReader {
        private static final Field CURRENT_READER = accessible(MySqlSplitReader.class, "currentReader");
        private static final Field TASK_CONTEXT = accessible(BinlogSplitReader.class, "statefulTaskContext");

        private final MySqlSplitReader snapshots;
        /** Snapshot splits held and not handed to {@link #snapshots} yet: read before the binlog split. */
        private final Deque<MySqlSplit> queued = new ArrayDeque<>();
        /** The one snapshot split {@link #snapshots} reads, until it is finished. */
        private String reading;
        /** Watches the binlog reader's client once it reads the binlog split. */
        private BinlogReconnectWatch watch;

        SnapshotSplitsApart(MySqlSourceConfig config, MySqlSplitReader snapshots, int subtask,
                            MySqlSourceReaderContext context) {
            super(config, subtask, context, SnapshotPhaseHooks.empty());
            this.snapshots = snapshots;
        }

        @Override
        public void handleSplitsChanges(SplitsChange<MySqlSplit> change) {
            for (MySqlSplit split : change.splits()) {
                if (split.isSnapshotSplit()) {
                    queued.add(split);
                } else {
                    super.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
                }
            }
        }

        /**
         * One snapshot split at a time: Flink CDC 3.5 reads the splits it holds queued with one Debezium reader, whose
         * binlog backfill stays stopped after the first, so a later chunk whose rows changed while it was read waited
         * forever for the backfill's end (FLINK-39207, fixed in 3.6). Handed one by one, each gets a reader of its
         * own. A reader holds several after a restore at a lower parallelism, for one.
         */
        @Override
        public RecordsWithSplitIds<SourceRecords> fetch() throws IOException {
            if (reading == null) {
                MySqlSplit next = queued.poll();
                if (next == null) {
                    return fetchBinlog();
                }
                reading = next.splitId();
                snapshots.handleSplitsChanges(new SplitsAddition<>(List.of(next)));
            }
            RecordsWithSplitIds<SourceRecords> records = snapshots.fetch();
            if (records.finishedSplits().contains(reading)) {
                reading = null;
            }
            return records;
        }

        /**
         * The binlog split's records, unless its client reconnected in the middle of a transaction: the reader fails
         * then, and Flink restores it from the last checkpoint, where every transaction is read from its start
         * ({@link BinlogReconnectWatch}). The check comes after the records are taken: the watch knows of a
         * reconnection before the client reads anything through the new connection.
         */
        private RecordsWithSplitIds<SourceRecords> fetchBinlog() throws IOException {
            RecordsWithSplitIds<SourceRecords> records = super.fetch();
            BinaryLogClient client = binlogClient();
            if (client != null && (watch == null || !watch.watches(client))) {
                watch = BinlogReconnectWatch.of(client);
            }
            String reconnect = watch == null ? null : watch.midTransactionReconnect();
            if (reconnect != null) {
                throw new IOException(reconnect + ": restarting from the last checkpoint, so that the transaction is "
                        + "read again from its start and its changes keep their versions");
            }
            return records;
        }

        /** The binlog reader's client once it reads the binlog split; Flink CDC 3.5 keeps it private. */
        private BinaryLogClient binlogClient() {
            try {
                Object reader = CURRENT_READER.get(this);
                return reader instanceof BinlogSplitReader binlog
                        ? ((StatefulTaskContext) TASK_CONTEXT.get(binlog)).getBinaryLogClient() : null;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                snapshots.close();
            } finally {
                super.close();
            }
        }
    }

    private static final class Emitter extends MySqlRecordEmitter<ShopChange> {
        Emitter(DebeziumDeserializationSchema<ShopChange> deserializer, MySqlSourceReaderMetrics metrics,
                boolean includeSchemaChanges) {
            super(deserializer, metrics, includeSchemaChanges);
        }

        @Override
        protected void processElement(SourceRecord element, SourceOutput<ShopChange> output,
                                      MySqlSplitState splitState) throws Exception {
            if (splitState.isBinlogSplitState() && RecordUtils.isHeartbeatEvent(element)) {
                output.collect(ShopChange.heartbeat(BinlogVersion.of(element.sourceOffset())));
            }
            super.processElement(element, output, splitState);
        }
    }

    private static Field accessible(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Flink CDC's " + type.getSimpleName() + " has no field " + name
                    + " any more: check ShopMySqlSource against the Flink CDC version", e);
        }
    }
}
