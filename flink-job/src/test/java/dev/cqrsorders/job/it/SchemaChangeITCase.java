package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop's tables change shape while the job reads their binlog (after the initial snapshot), as online schema
 * changes do: columns the job does not read added (also in the middle and first), then dropped again; columns it reads
 * widened (a quantity INT to BIGINT, a total to more digits). The job reads each row by column name against the row's
 * own schema, and integers whatever their width, so the read model must end equal to the oracle — also when the
 * TaskManager is lost right after a change and the restored job reads the DDL again from the binlog.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class SchemaChangeITCase {

    @Test
    void columnsAddedWidenedAndDroppedLoseNothingAlsoAcrossATaskManagerLoss(MariaDbServer mysql, KafkaBroker kafka,
                                                                            PostgresServer postgres) throws Exception {
        RandomHistory history = RandomHistory.generate(13, 200, 1500);
        int fifth = history.steps.size() / 5;

        try (JobFixture fixture = JobFixture.create("it_schema_change", mysql, kafka, postgres);
             LoggedLine snapshotDone = new LoggedLine(MySqlSnapshotSplitAssigner.class, "turn into finished status")) {
            history.replay(fixture, 0, fifth);
            fixture.startJob();
            history.replay(fixture, fifth, 2 * fifth);
            // not while the initial snapshot still reads: Flink CDC reads its remaining chunks with the schema it took
            // at the start, and a changed table fails them at every restart (docs/operations.md)
            snapshotDone.await(Duration.ofMinutes(2));

            fixture.mysql(
                    "ALTER TABLE orders ADD COLUMN coupon VARCHAR(32) NULL AFTER user_id",
                    "ALTER TABLE order_items ADD COLUMN sku VARCHAR(16) NULL FIRST",
                    "ALTER TABLE addresses ADD COLUMN note TEXT NULL",
                    "ALTER TABLE users MODIFY phone VARCHAR(64) NULL",
                    "ALTER TABLE orders MODIFY total DECIMAL(14, 2) NOT NULL",
                    "ALTER TABLE order_items MODIFY quantity BIGINT NOT NULL",
                    "UPDATE orders SET coupon = CONCAT('C', order_id) WHERE order_id % 3 = 0",
                    "UPDATE order_items SET sku = CONCAT('S', item_id) WHERE item_id % 2 = 0");
            history.replay(fixture, 2 * fifth, 3 * fifth);
            long checkpoint = fixture.latestCheckpointId();
            await("a checkpoint after the first changes").atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.latestCheckpointId() > checkpoint);

            fixture.mysql(
                    "ALTER TABLE orders DROP COLUMN coupon",
                    "ALTER TABLE order_items DROP COLUMN sku",
                    "ALTER TABLE addresses DROP COLUMN note");
            history.replay(fixture, 3 * fifth, 4 * fifth);
            fixture.restartTaskManager(); // most likely before a checkpoint holds the drops: read again after it
            history.replay(fixture, 4 * fifth, history.steps.size());

            fixture.awaitOrderDetails(ReadModelOracle.orderDetails(history), Duration.ofMinutes(4));
            assertThat(fixture.failures()).as("one restart: for the loss, none for the schema changes").isEqualTo(1);
        }
    }
}
