package dev.cqrsorders.job.it;

import dev.cqrsorders.job.ReadModelPipeline;
import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopChangeDeserializer;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.ShopMySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.events.FinishedSnapshotSplitsReportEvent;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReaderContext;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSplitReader;
import org.apache.flink.cdc.connectors.mysql.source.split.FinishedSnapshotSplitInfo;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.SourceRecords;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.mysql.source.utils.hooks.SnapshotPhaseHooks;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The shop source's split enumerator against MariaDB, driven as Flink's source coordinator drives it at parallelism
 * 1: through a TaskManager loss (the case of TaskManagerLossITCase, step by step), and a table altered as the snapshot
 * ends (the case of SchemaChangeITCase); and its binlog reader, held back in the middle of a transaction.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class ShopMySqlSourceITCase {

    @Test
    void atParallelismOneTheBinlogWaitsForACheckpointThatHoldsTheWholeSnapshot(
            MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        Coordinator coordinator = new Coordinator();
        try (JobFixture fixture = JobFixture.create("it_shop_source", mysql, kafka, postgres);
             SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator =
                     ReadModelPipeline.shopSource(fixture.options(), 0).createEnumerator(coordinator)) {
            enumerator.start();

            MySqlSplit users = coordinator.request(enumerator);
            coordinator.finish(enumerator, users);
            MySqlSplit addresses = coordinator.request(enumerator);
            coordinator.finish(enumerator, addresses);
            MySqlSplit items = coordinator.request(enumerator);
            enumerator.snapshotState(1); // checkpoint 1, which completes, while order_items is read
            enumerator.notifyCheckpointComplete(1);
            coordinator.finish(enumerator, items);
            MySqlSplit orders = coordinator.request(enumerator);
            coordinator.finish(enumerator, orders);
            assertThat(List.of(users, addresses, items, orders)).allMatch(MySqlSplit::isSnapshotSplit);
            assertThat(coordinator.request(enumerator)).as("the binlog split before a checkpoint holds every chunk").isNull();

            // the TaskManager is lost: what was assigned since checkpoint 1 comes back; the restored reader still reads
            // order_items and, holding one split only, asks for another at once
            enumerator.addSplitsBack(List.of(orders), 0);
            assertThat(coordinator.request(enumerator)).isEqualTo(orders);
            coordinator.finish(enumerator, items);
            assertThat(coordinator.request(enumerator)).as("the binlog split while orders is read again").isNull();
            coordinator.finish(enumerator, orders);
            assertThat(coordinator.request(enumerator)).isNull();

            enumerator.snapshotState(2);
            enumerator.notifyCheckpointComplete(2);
            MySqlSplit binlog = coordinator.assigned.poll();
            assertThat(binlog).isNotNull().matches(MySqlSplit::isBinlogSplit);
            assertThat(binlog.asBinlogSplit().getFinishedSnapshotSplitInfos())
                    .extracting(FinishedSnapshotSplitInfo::getSplitId)
                    .containsExactlyInAnyOrder(users.splitId(), addresses.splitId(), items.splitId(), orders.splitId());
        }
    }

    /**
     * A column added after the snapshot, before the binlog reader starts: the binlog split still describes the tables
     * as the snapshot read them, the schema current where the reader starts (Flink CDC's own left it to the reader
     * to ask MySQL then, which answered with the column, see SchemaChangeITCase).
     */
    @Test
    void theBinlogSplitCarriesTheSchemasTheSnapshotReadTheTablesWith(MariaDbServer mysql, KafkaBroker kafka,
                                                                     PostgresServer postgres) throws Exception {
        Coordinator coordinator = new Coordinator();
        try (JobFixture fixture = JobFixture.create("it_shop_source_schemas", mysql, kafka, postgres);
             SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator =
                     ReadModelPipeline.shopSource(fixture.options(), 0).createEnumerator(coordinator)) {
            enumerator.start();
            for (int table = 0; table < 4; table++) {
                coordinator.finish(enumerator, coordinator.request(enumerator));
            }
            assertThat(coordinator.request(enumerator)).as("the binlog split before a checkpoint").isNull();
            fixture.mysql("ALTER TABLE orders ADD COLUMN coupon VARCHAR(32) NULL AFTER user_id");
            enumerator.snapshotState(1);
            enumerator.notifyCheckpointComplete(1);

            MySqlSplit binlog = coordinator.assigned.poll();
            assertThat(binlog).isNotNull().matches(MySqlSplit::isBinlogSplit);
            Map<TableId, TableChange> schemas = binlog.asBinlogSplit().getTableSchemas();
            assertThat(schemas.keySet()).extracting(TableId::table)
                    .containsExactlyInAnyOrder("users", "addresses", "order_items", "orders");
            Table orders = schemas.get(new TableId(fixture.name, null, "orders")).getTable();
            assertThat(orders.retrieveColumnNames()).contains("user_id", "total").doesNotContain("coupon");
        }
    }

    /**
     * The items and orders chunks go out interleaved, after the users' and addresses', each orders chunk behind the
     * items chunks in front of it; the chunks taken from Flink CDC's assigner and not handed out yet are in the
     * checkpoint: an enumerator restored from it hands out every chunk the readers do not hold, each once.
     */
    @Test
    void itemsAndOrdersAreReadInterleavedAndACheckpointHoldsTheChunksNotHandedOut(
            MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        try (JobFixture fixture = JobFixture.create("it_shop_source_chunks", mysql, kafka, postgres)) {
            fixture.mysql("INSERT INTO users (name, email) SELECT CONCAT('user ', seq), CONCAT(seq, '@example.com') FROM seq_1_to_8",
                    "INSERT INTO orders (user_id, total) SELECT 1 + seq % 8, 10 FROM seq_1_to_12",
                    "INSERT INTO order_items (order_id, product_name, quantity, price) "
                            + "SELECT 1 + seq DIV 3, 'item', 1, 10 FROM seq_0_to_35");
            MySqlSource<ShopChange> source = ReadModelPipeline.shopSource(
                    fixture.options("--mysql-snapshot-chunk-size", "4"), 0);

            Coordinator coordinator = new Coordinator();
            List<String> chunks = new ArrayList<>();
            try (SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator = source.createEnumerator(coordinator)) {
                enumerator.start();
                for (MySqlSplit split; (split = coordinator.request(enumerator)) != null; ) {
                    chunks.add(split.splitId());
                }
            }
            List<String> tables = chunks.stream().map(id -> id.substring(id.indexOf('.') + 1, id.indexOf(':'))).toList();
            int othersEnd = tables.lastIndexOf("addresses") + 1;
            assertThat(tables.subList(0, othersEnd)).as("the users' and addresses' chunks first").containsOnly("users", "addresses");
            assertThat(tables.subList(othersEnd, tables.size())).containsOnly("order_items", "orders");
            assertThat(tables.stream().filter("orders"::equals).count()).isGreaterThan(2);
            assertThat(tables.indexOf("orders")).as("the first orders chunk").isLessThan(tables.lastIndexOf("order_items"));
            assertThat(tables.subList(0, tables.indexOf("orders"))).as("before the first orders chunk")
                    .filteredOn("order_items"::equals).hasSizeGreaterThanOrEqualTo(3);
            assertThat(tables.get(tables.size() - 1)).isEqualTo("orders");

            // a checkpoint while the readers hold the first 7 chunks; then a failover restores it
            Coordinator before = new Coordinator();
            List<String> handedOut = new ArrayList<>();
            PendingSplitsState checkpoint;
            try (SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator = source.createEnumerator(before)) {
                enumerator.start();
                for (int i = 0; i < 7; i++) {
                    handedOut.add(before.request(enumerator).splitId());
                }
                checkpoint = enumerator.snapshotState(1);
            }
            Coordinator after = new Coordinator();
            try (SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator = source.restoreEnumerator(after, checkpoint)) {
                enumerator.start();
                for (MySqlSplit split; (split = after.request(enumerator)) != null; ) {
                    handedOut.add(split.splitId());
                }
            }
            assertThat(handedOut).containsExactlyInAnyOrderElementsOf(chunks);
        }
    }

    /**
     * Snapshot chunks a reader holds at once (a restore at a lower parallelism hands one reader the chunks of several)
     * are read right while their rows change: each by a Debezium reader of its own. Flink CDC 3.5 reads a reader's
     * queued chunks with one, whose binlog backfill stays stopped after the first chunk, so a later chunk whose rows
     * changed while it was read waited forever for the backfill's end (FLINK-39207, fixed in Flink CDC 3.6).
     */
    @Test
    void chunksHeldAtOnceAreEachReadWithTheChangesMadeWhileTheyWereRead(
            MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        try (JobFixture fixture = JobFixture.create("it_shop_source_held", mysql, kafka, postgres)) {
            fixture.mysql("INSERT INTO users (name, email) SELECT CONCAT('user ', seq), CONCAT(seq, '@example.com') FROM seq_1_to_12");
            MySqlSource<ShopChange> source = ReadModelPipeline.shopSource(
                    fixture.options("--mysql-snapshot-chunk-size", "4"), 0);
            List<MySqlSplit> userChunks = new ArrayList<>();
            Coordinator coordinator = new Coordinator();
            try (SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator = source.createEnumerator(coordinator)) {
                enumerator.start();
                for (MySqlSplit split; (split = coordinator.request(enumerator)) != null
                        && split.asSnapshotSplit().getTableId().table().equals("users"); ) {
                    userChunks.add(split);
                }
            }
            assertThat(userChunks).hasSizeGreaterThanOrEqualTo(3);

            // every chunk's rows change between its low and its high watermark: each needs the binlog backfill
            SnapshotPhaseHooks hooks = new SnapshotPhaseHooks();
            hooks.setPreHighWatermarkAction((cdcConnection, split) -> {
                Object[] start = ((MySqlSnapshotSplit) split).getSplitStart();
                Object[] end = ((MySqlSnapshotSplit) split).getSplitEnd();
                try {
                    fixture.mysql("UPDATE users SET phone = 'changed while read' WHERE user_id >= "
                            + (start == null ? Long.MIN_VALUE : start[0]) + " AND user_id < "
                            + (end == null ? Long.MAX_VALUE : end[0]));
                } catch (Exception e) {
                    throw new SQLException(e);
                }
            });
            MySqlSourceConfig config = source.getConfigFactory().createConfig(0);
            MySqlSplitReader reader = ShopMySqlSource.splitReader(config, config, 0,
                    new MySqlSourceReaderContext(new ReaderContext()), hooks);
            Map<Long, String> phones = new HashMap<>();
            try {
                reader.handleSplitsChanges(new SplitsAddition<>(userChunks));
                Set<String> unfinished = userChunks.stream().map(MySqlSplit::splitId).collect(Collectors.toSet());
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    while (!unfinished.isEmpty()) {
                        RecordsWithSplitIds<SourceRecords> fetched = reader.fetch();
                        for (SourceRecord change : changes(fetched)) {
                            Struct after = ((Struct) change.value()).getStruct("after");
                            phones.put(after.getInt64("user_id"), after.getString("phone"));
                        }
                        unfinished.removeAll(fetched.finishedSplits());
                    }
                }, "every chunk read (a chunk whose backfill never ends: FLINK-39207)");
            } finally {
                reader.close();
            }
            assertThat(phones).hasSize(12).allSatisfy((user, phone) -> assertThat(phone).isEqualTo("changed while read"));
        }
    }

    /**
     * A reader held back in the middle of a long transaction (its queue full, as under back-pressure or while the
     * TaskManager stands still) for longer than the binlog client's keepalive: the client reconnects, resumes inside
     * the transaction, and Debezium counts the rest of it anew, so the changes would get versions other than a replay
     * gives them. The reader fails instead, before it hands over anything read through the new connection.
     */
    @Test
    void aClientThatReconnectsInTheMiddleOfATransactionFailsTheReader(MariaDbServer mysql, KafkaBroker kafka,
                                                                      PostgresServer postgres) throws Exception {
        try (JobFixture fixture = JobFixture.create("it_shop_source_reconnect", mysql, kafka, postgres)) {
            Binlog binlog = Binlog.withUsers(fixture, 20_000);
            MySqlSplitReader reader = binlog.reader(binlog.end);
            Map<Long, Integer> changesByUser = new HashMap<>();
            try {
                reader.fetch(); // the reader starts and connects
                fixture.mysql("UPDATE users SET name = CONCAT(name, ' renamed')"); // one transaction, 20,000 rows
                await().atMost(Duration.ofSeconds(30)).until(() -> fetchUsers(reader, changesByUser) > 0);

                // held back: the queue fills, the client reads nothing, and its keepalive (2 s) drops the connection
                long dump = binlogDump(fixture);
                await().atMost(Duration.ofSeconds(30)).until(() -> binlogDump(fixture) != dump);

                Throwable failure = catchThrowable(() -> await().atMost(Duration.ofSeconds(30))
                        .until(() -> fetchUsers(reader, changesByUser) < 0));
                assertThat(failure).as("the reader fails").isInstanceOf(IOException.class)
                        .hasMessageContaining("reconnected to MySQL in the middle of a transaction");
            } finally {
                reader.close();
            }
            assertThat(changesByUser).as("what the reader handed over, each change once").isNotEmpty()
                    .allSatisfy((user, changes) -> assertThat(changes).as("user %d", user).isOne());
        }
    }

    /**
     * A transaction read again from a checkpoint taken in its middle (Flink CDC stores the offset of the last record
     * emitted: the transaction's start, the events and rows to skip) gives each change the version its first reading
     * gave it: a replay rewrites what is there, never with another version.
     */
    @Test
    void aTransactionReadAgainFromAnOffsetInItsMiddleKeepsItsVersions(MariaDbServer mysql, KafkaBroker kafka,
                                                                      PostgresServer postgres) throws Exception {
        try (JobFixture fixture = JobFixture.create("it_shop_source_replay", mysql, kafka, postgres)) {
            Binlog binlog = Binlog.withUsers(fixture, 40);
            try (Connection c = fixture.mysql(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int user = 1; user <= 40; user++) { // an event of its own for each user
                    s.execute("UPDATE users SET name = 'renamed " + user + "' WHERE user_id = " + user);
                }
                c.commit();
            }
            Map<Long, SourceRecord> first = read(binlog, binlog.end, 40);
            BinlogOffset checkpoint = RecordUtils.getBinlogPosition(first.get(20L)); // after user 20's change
            Map<Long, SourceRecord> again = read(binlog, checkpoint, 40);

            ShopChangeDeserializer versions = new ShopChangeDeserializer(0);
            for (long user = 21; user <= 40; user++) {
                assertThat(again).containsKey(user);
                assertThat(version(versions, again.get(user))).as("user %d", user)
                        .isEqualTo(version(versions, first.get(user)));
            }
        }
    }

    /** The shop source and its binlog split, once the snapshot is done; {@code end}: where the binlog ended then. */
    private record Binlog(MySqlSource<ShopChange> source, MySqlBinlogSplit split, BinlogOffset end) {

        /** The binlog split of an empty shop, and the binlog's end after {@code users} users were inserted. */
        static Binlog withUsers(JobFixture fixture, int users) throws Exception {
            MySqlSource<ShopChange> source = ReadModelPipeline.shopSource(fixture.options(), 0);
            Coordinator coordinator = new Coordinator();
            MySqlBinlogSplit split;
            try (SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator = source.createEnumerator(coordinator)) {
                enumerator.start();
                for (int table = 0; table < 4; table++) {
                    coordinator.finish(enumerator, coordinator.request(enumerator));
                }
                assertThat(coordinator.request(enumerator)).as("the binlog split before a checkpoint").isNull();
                enumerator.snapshotState(1);
                enumerator.notifyCheckpointComplete(1);
                split = coordinator.assigned.poll().asBinlogSplit();
            }
            fixture.mysql("INSERT INTO users (name, email) SELECT CONCAT('user ', seq), CONCAT(seq, '@example.com') "
                    + "FROM seq_1_to_" + users);
            try (Connection c = fixture.mysql(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                return new Binlog(source, split, BinlogOffset.ofBinlogFilePosition(rs.getString(1), rs.getLong(2)));
            }
        }

        /** A split reader reading the binlog split from {@code from} on. */
        MySqlSplitReader reader(BinlogOffset from) {
            MySqlSourceConfig config = source.getConfigFactory().createConfig(0);
            MySqlSplitReader reader = ShopMySqlSource.splitReader(config, config, 0,
                    new MySqlSourceReaderContext(new ReaderContext()), SnapshotPhaseHooks.empty());
            reader.handleSplitsChanges(new SplitsAddition<>(List.of(new MySqlBinlogSplit(split.splitId(), from,
                    BinlogOffset.ofNonStopping(), split.getFinishedSnapshotSplitInfos(), split.getTableSchemas(),
                    split.getTotalFinishedSplitSize()))));
            return reader;
        }
    }

    /** The users' changes read from {@code from} on, by user id (the last of each), until user {@code last}'s. */
    private static Map<Long, SourceRecord> read(Binlog binlog, BinlogOffset from, long last) throws Exception {
        MySqlSplitReader reader = binlog.reader(from);
        Map<Long, SourceRecord> changes = new HashMap<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                changes(reader.fetch()).forEach(change -> changes.put(userId(change), change));
                return changes.containsKey(last);
            });
        } finally {
            reader.close();
        }
        return changes;
    }

    private static long version(ShopChangeDeserializer deserializer, SourceRecord record) {
        List<ShopChange> out = new ArrayList<>();
        deserializer.deserialize(record, new ListCollector<>(out));
        return out.get(0).version();
    }

    /** The id of MariaDB's connection that sends the binlog to the reader; 0 if there is none. */
    private static long binlogDump(JobFixture fixture) throws SQLException {
        try (Connection c = fixture.mysql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id FROM information_schema.processlist WHERE command LIKE 'Binlog Dump%'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Fetches once; counts each user change by user id; returns how many there were. */
    private static int fetchUsers(MySqlSplitReader reader, Map<Long, Integer> changesByUser) throws IOException {
        List<SourceRecord> changes = changes(reader.fetch());
        changes.forEach(change -> changesByUser.merge(userId(change), 1, Integer::sum));
        return changes.size();
    }

    /** The row changes among what one fetch returned. */
    private static List<SourceRecord> changes(RecordsWithSplitIds<SourceRecords> fetched) {
        List<SourceRecord> changes = new ArrayList<>();
        for (String split; (split = fetched.nextSplit()) != null; ) {
            for (SourceRecords records; (records = fetched.nextRecordFromSplit()) != null; ) {
                records.getSourceRecordList().stream().filter(RecordUtils::isDataChangeRecord).forEach(changes::add);
            }
        }
        return changes;
    }

    private static long userId(SourceRecord change) {
        return ((Struct) change.value()).getStruct("after").getInt64("user_id");
    }

    /** Subtask 0's side of the source coordinator: the splits assigned to it, its requests and its reports. */
    private static final class Coordinator implements SplitEnumeratorContext<MySqlSplit> {
        final ArrayDeque<MySqlSplit> assigned = new ArrayDeque<>();
        private long position = 4;

        /** The reader asks for a split: the one assigned, or null when the enumerator has none for it now. */
        MySqlSplit request(SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator) {
            enumerator.handleSplitRequest(0, null);
            return assigned.poll();
        }

        /** The reader has read a snapshot split and reports where the binlog was then. */
        void finish(SplitEnumerator<MySqlSplit, PendingSplitsState> enumerator, MySqlSplit split) {
            enumerator.handleSourceEvent(0, new FinishedSnapshotSplitsReportEvent(
                    Map.of(split.splitId(), BinlogOffset.ofBinlogFilePosition("mysql-bin.000001", position++))));
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

        @Override
        public int currentParallelism() {
            return 1;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return Map.of(0, new ReaderInfo(0, "localhost"));
        }

        @Override
        public void assignSplits(SplitsAssignment<MySqlSplit> assignment) {
            assignment.assignment().values().forEach(assigned::addAll);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {}

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {}

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {}
    }

    /** What Flink CDC's split reader asks of its reader's context: nothing here. */
    private static final class ReaderContext implements SourceReaderContext {
        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(ShopMySqlSourceITCase.class.getClassLoader());
        }

        @Override
        public int currentParallelism() {
            return 1;
        }
    }
}
