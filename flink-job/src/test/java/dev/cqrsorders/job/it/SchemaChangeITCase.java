package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.enumerator.MySqlSourceEnumerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's tables change shape as online schema changes do, the moment the initial snapshot ends (before the binlog
 * reader starts) and while the job reads the binlog: columns the job does not read added (also in the middle and
 * first), then dropped again; columns it reads widened (a quantity INT to BIGINT, a total to more digits). The binlog
 * reader starts from the schemas the snapshot read the tables with (ShopMySqlSource), the job reads each row by column
 * name against the row's own schema, and integers whatever their width, so the read model must end equal to the
 * oracle — also when the TaskManager is lost right after a change and the restored job reads the DDL again from the
 * binlog.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class SchemaChangeITCase {

    @Test
    void columnsAddedWidenedAndDroppedLoseNothingAlsoAcrossATaskManagerLoss(MariaDbServer mysql, KafkaBroker kafka,
                                                                            PostgresServer postgres) throws Exception {
        RandomHistory history = RandomHistory.generate(13, 200, 1500);
        int fifth = history.steps.size() / 5;

        // not while the initial snapshot still reads: Flink CDC reads its remaining chunks with the schema it took at
        // the start, and a changed table fails them at every restart (docs/operations.md). The moment it has read
        // them, within the split assigner's call: before the binlog split goes out
        try (JobFixture fixture = JobFixture.create("it_schema_change", mysql, kafka, postgres);
             LoggedLine snapshotEnds = new LoggedLine(MySqlSnapshotSplitAssigner.class, "turn into finished status",
                     () -> {
                         changeAndChangeBack(fixture, "order_items", "product_name");
                         changeAndChangeBack(fixture, "addresses", "city");
                         fixture.mysql(
                                 "ALTER TABLE orders ADD COLUMN coupon VARCHAR(32) NULL AFTER user_id",
                                 "ALTER TABLE order_items ADD COLUMN sku VARCHAR(16) NULL FIRST",
                                 "ALTER TABLE addresses ADD COLUMN note TEXT NULL",
                                 "ALTER TABLE users MODIFY phone VARCHAR(64) NULL",
                                 "ALTER TABLE orders MODIFY total DECIMAL(14, 2) NOT NULL",
                                 "ALTER TABLE order_items MODIFY quantity BIGINT NOT NULL");
                     })) {
            history.replay(fixture, 0, fifth);
            fixture.startJob();
            history.replay(fixture, fifth, 2 * fifth);
            snapshotEnds.await(Duration.ofMinutes(2));

            fixture.mysql(
                    "UPDATE orders SET coupon = CONCAT('C', order_id) WHERE order_id % 3 = 0",
                    "UPDATE order_items SET sku = CONCAT('S', item_id) WHERE item_id % 2 = 0");
            history.replay(fixture, 2 * fifth, 3 * fifth);
            fixture.awaitNextCheckpoint("a checkpoint after the first changes", Duration.ofSeconds(60));

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

    /**
     * A table altered while the snapshot reads the others: at parallelism 1 it reads users, addresses, items and then
     * orders, and the users change (and change back) and get a column first as the orders' chunk goes out. The binlog
     * reader starts before those changes (at the end of the users' chunk) with the users' schema as the snapshot read
     * it, and reads the ALTER in its place.
     */
    @Test
    void aTableAlteredAfterTheSnapshotReadItLosesNothing(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        RandomHistory history = RandomHistory.generate(14, 200, 1000);
        int half = history.steps.size() / 2;

        try (JobFixture fixture = JobFixture.create("it_schema_change_p1", mysql, kafka, postgres);
             LoggedLine ordersRead = new LoggedLine(MySqlSourceEnumerator.class,
                     "splitId='" + fixture.name + ".orders:0'",
                     () -> {
                         changeAndChangeBack(fixture, "users", "name");
                         fixture.mysql("ALTER TABLE users ADD COLUMN nickname VARCHAR(32) NULL FIRST");
                     })) {
            history.replay(fixture, 0, half);
            fixture.startJob("--parallelism", "1");
            ordersRead.await(Duration.ofMinutes(2));
            history.replay(fixture, half, history.steps.size());

            fixture.awaitOrderDetails(ReadModelOracle.orderDetails(history), Duration.ofMinutes(4));
            assertThat(fixture.failures()).as("no restart").isZero();
        }
    }

    /**
     * Row changes in the binlog before an ALTER, which the binlog reader must decode with the table's earlier schema;
     * changed back, so the read model ends as the history says. Only rows marked here are changed back: the history
     * may write the table meanwhile.
     */
    private static void changeAndChangeBack(JobFixture fixture, String table, String column) throws Exception {
        fixture.mysql("UPDATE " + table + " SET " + column + " = CONCAT(" + column + ", '~')",
                "UPDATE " + table + " SET " + column + " = LEFT(" + column + ", CHAR_LENGTH(" + column + ") - 1)"
                        + " WHERE " + column + " LIKE '%~'");
    }
}
