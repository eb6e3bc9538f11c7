package dev.cqrsorders.job.shop;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a reconnection of the binlog client counts as one in the middle of a transaction (the MariaDB case end to end: ShopMySqlSourceITCase). */
class BinlogReconnectWatchTest {

    /** A client whose connection id the test sets, as a real one's changes with each connection. */
    private static final class Client extends BinaryLogClient {
        long connectionId;

        Client() {
            super("127.0.0.1", 3306, "cdc", "cdc");
        }

        @Override
        public long getConnectionId() {
            return connectionId;
        }

        BinlogReconnectWatch watchConnected() {
            connectionId = 1;
            BinlogReconnectWatch watch = BinlogReconnectWatch.of(this);
            watch.onConnect(this); // the connection it was registered on
            return watch;
        }

        void reconnect(BinlogReconnectWatch watch) {
            connectionId++;
            watch.onConnect(this);
        }
    }

    @Test
    void aReconnectionInsideAMariaDbTransactionIsReported() {
        Client client = new Client();
        BinlogReconnectWatch watch = client.watchConnected();
        watch.onEvent(event(EventType.MARIADB_GTID));
        watch.onEvent(event(EventType.TABLE_MAP));
        watch.onEvent(event(EventType.UPDATE_ROWS));
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).contains("in the middle of a transaction", "connection 1, now 2");
    }

    @Test
    void aReconnectionBetweenTransactionsIsNot() {
        Client client = new Client();
        BinlogReconnectWatch watch = client.watchConnected();
        watch.onEvent(event(EventType.MARIADB_GTID));
        watch.onEvent(event(EventType.UPDATE_ROWS));
        watch.onEvent(event(EventType.XID));
        client.reconnect(watch);
        watch.onEvent(event(EventType.MARIADB_GTID)); // and the next transaction is read from its start
        watch.onEvent(event(EventType.XID));
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).isNull();
    }

    @Test
    void mySqlTransactionsBeginAndEndWithQueries() {
        Client client = new Client();
        BinlogReconnectWatch watch = client.watchConnected();
        watch.onEvent(event(EventType.GTID));
        watch.onEvent(query("BEGIN"));
        watch.onEvent(query("COMMIT"));
        client.reconnect(watch);
        watch.onEvent(event(EventType.ANONYMOUS_GTID));
        watch.onEvent(query("ALTER TABLE orders ADD COLUMN note TEXT")); // a DDL statement is a transaction of its own
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).isNull();

        watch.onEvent(query("BEGIN"));
        watch.onEvent(event(EventType.WRITE_ROWS));
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).isNotNull();
    }

    @Test
    void untilItHasSeenABoundaryTheClientCountsAsInsideATransaction() {
        Client client = new Client();
        BinlogReconnectWatch watch = client.watchConnected();
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).as("registered while the client may have been reading one").isNotNull();
    }

    @Test
    void aHeartbeatSaysTheClientIsBetweenTransactions() {
        Client client = new Client();
        BinlogReconnectWatch watch = client.watchConnected();
        watch.onEvent(event(EventType.HEARTBEAT));
        client.reconnect(watch);
        assertThat(watch.midTransactionReconnect()).isNull();
    }

    @Test
    void theFirstConnectionIsNoReconnection() {
        Client client = new Client();
        BinlogReconnectWatch watch = BinlogReconnectWatch.of(client); // registered before the client connected
        client.connectionId = 7;
        watch.onConnect(client);
        assertThat(watch.midTransactionReconnect()).isNull();
    }

    private static Event event(EventType type) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(type);
        return new Event(header, null);
    }

    private static Event query(String sql) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(EventType.QUERY);
        QueryEventData data = new QueryEventData();
        data.setSql(sql);
        return new Event(header, data);
    }
}
