package dev.cqrsorders.job.it;

import dev.cqrsorders.job.ReadModelPipeline;
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
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.events.FinishedSnapshotSplitsReportEvent;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.FinishedSnapshotSplitInfo;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop source's split enumerator against MariaDB, driven as Flink's source coordinator drives it at parallelism
 * 1: through a TaskManager loss (the case of TaskManagerLossITCase, step by step), and a table altered as the snapshot
 * ends (the case of SchemaChangeITCase).
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
}
