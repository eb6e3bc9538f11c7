package dev.cqrsorders.job.shop;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import org.junit.jupiter.api.Test;

import static com.github.shyiko.mysql.binlog.event.EventType.ANONYMOUS_GTID;
import static com.github.shyiko.mysql.binlog.event.EventType.GTID;
import static com.github.shyiko.mysql.binlog.event.EventType.HEARTBEAT;
import static com.github.shyiko.mysql.binlog.event.EventType.MARIADB_GTID;
import static com.github.shyiko.mysql.binlog.event.EventType.TABLE_MAP;
import static com.github.shyiko.mysql.binlog.event.EventType.UPDATE_ROWS;
import static com.github.shyiko.mysql.binlog.event.EventType.WRITE_ROWS;
import static com.github.shyiko.mysql.binlog.event.EventType.XID;
import static org.assertj.core.api.Assertions.assertThat;

/** When a reconnection of the binlog client counts as one in the middle of a transaction (the MariaDB case end to end: ShopMySqlSourceITCase). */
class BinlogReconnectWatchTest {

    /** A watched client whose connection id the test sets, as a real one's changes with each connection. */
    private static final class Client extends BinaryLogClient {
        final BinlogReconnectWatch watch;
        long connectionId;

        /** Registered before the client connected. */
        Client() {
            super("127.0.0.1", 3306, "cdc", "cdc");
            watch = BinlogReconnectWatch.of(this);
        }

        @Override
        public long getConnectionId() {
            return connectionId;
        }

        /** Registered while connected: it then tells the connection it was registered on. */
        static Client connected() {
            Client client = new Client();
            client.connectionId = 1;
            client.watch.onConnect(client);
            return client;
        }

        void reads(Object... events) {
            for (Object event : events) {
                watch.onEvent(event instanceof EventType type ? event(type, null) : query((String) event));
            }
        }

        void reconnect() {
            connectionId++;
            watch.onConnect(this);
        }

        String midTransactionReconnect() {
            return watch.midTransactionReconnect();
        }

        private static Event query(String sql) {
            QueryEventData data = new QueryEventData();
            data.setSql(sql);
            return event(EventType.QUERY, data);
        }

        private static Event event(EventType type, QueryEventData data) {
            EventHeaderV4 header = new EventHeaderV4();
            header.setEventType(type);
            return new Event(header, data);
        }
    }

    @Test
    void aReconnectionInsideAMariaDbTransactionIsReported() {
        Client client = Client.connected();
        client.reads(MARIADB_GTID, TABLE_MAP, UPDATE_ROWS);
        client.reconnect();
        assertThat(client.midTransactionReconnect()).contains("in the middle of a transaction", "connection 1, now 2");
    }

    @Test
    void aReconnectionBetweenTransactionsIsNot() {
        Client client = Client.connected();
        client.reads(MARIADB_GTID, UPDATE_ROWS, XID);
        client.reconnect();
        client.reads(MARIADB_GTID, XID); // and the next transaction is read from its start
        client.reconnect();
        assertThat(client.midTransactionReconnect()).isNull();
    }

    @Test
    void mySqlTransactionsBeginAndEndWithQueries() {
        Client client = Client.connected();
        client.reads(GTID, "BEGIN", "COMMIT");
        client.reconnect();
        client.reads(ANONYMOUS_GTID, "ALTER TABLE orders ADD COLUMN note TEXT"); // a DDL statement is a transaction of its own
        client.reconnect();
        assertThat(client.midTransactionReconnect()).isNull();

        client.reads("BEGIN", WRITE_ROWS);
        client.reconnect();
        assertThat(client.midTransactionReconnect()).isNotNull();
    }

    @Test
    void untilItHasSeenABoundaryTheClientCountsAsInsideATransaction() {
        Client client = Client.connected();
        client.reconnect();
        assertThat(client.midTransactionReconnect()).as("registered while the client may have been reading one").isNotNull();
    }

    @Test
    void aHeartbeatSaysTheClientIsBetweenTransactions() {
        Client client = Client.connected();
        client.reads(HEARTBEAT);
        client.reconnect();
        assertThat(client.midTransactionReconnect()).isNull();
    }

    @Test
    void theFirstConnectionIsNoReconnection() {
        Client client = new Client();
        client.connectionId = 7;
        client.watch.onConnect(client);
        assertThat(client.midTransactionReconnect()).isNull();
    }
}
