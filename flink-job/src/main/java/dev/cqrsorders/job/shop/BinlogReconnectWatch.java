package dev.cqrsorders.job.shop;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;

/**
 * Watches the binlog reader's client for a reconnection in the middle of a transaction, after which the changes'
 * versions cannot be trusted.
 *
 * <p>The client reconnects by itself when its keepalive check finds no event for a while (MySQL restarted, the
 * connection was lost, the TaskManager stood still, or the reader was held back that long), and it resumes at the
 * last position it tracked, inside the transaction it was reading. Debezium then counts that transaction's events
 * from the reconnection on, and its restart offset, which a change's version is made of ({@link BinlogVersion}), comes
 * out greater than the same change gets when read from the transaction's start, as a replay from a checkpoint reads
 * it: the replay's writes were refused as older, and a row kept what the attempt that reconnected had written of the
 * transaction when it was cancelled (the fault suite, 2026-12-07: an order kept its user's name from before the
 * transaction). A reconnection between transactions changes nothing: every transaction is counted from its start.
 *
 * <p>Until it sees a transaction end or a heartbeat, the watch takes the client to be inside a transaction: it may
 * have been registered while the client read one.
 */
public final class BinlogReconnectWatch implements BinaryLogClient.EventListener, BinaryLogClient.LifecycleListener {
    private final BinaryLogClient client;
    private volatile boolean inTransaction = true;
    private volatile long connection;
    private volatile String midTransactionReconnect;

    private BinlogReconnectWatch(BinaryLogClient client) {
        this.client = client;
        this.connection = client.getConnectionId();
    }

    /** Watches {@code client} from now on. */
    public static BinlogReconnectWatch of(BinaryLogClient client) {
        BinlogReconnectWatch watch = new BinlogReconnectWatch(client);
        client.registerEventListener(watch);
        client.registerLifecycleListener(watch);
        return watch;
    }

    public boolean watches(BinaryLogClient other) {
        return client == other;
    }

    /**
     * What happened, if the client has reconnected in the middle of a transaction; null if not. Set before the client
     * reads anything through the new connection.
     */
    public String midTransactionReconnect() {
        return midTransactionReconnect;
    }

    @Override
    public void onEvent(Event event) {
        switch (event.getHeader().getEventType()) {
            case GTID, ANONYMOUS_GTID, MARIADB_GTID -> inTransaction = true;
            // MySQL sends a heartbeat only when it has nothing else to send: the reader is at the binlog's end,
            // which is always between transactions (a transaction is written to the binlog whole, at its commit)
            case XID, HEARTBEAT -> inTransaction = false;
            case QUERY -> {
                // BEGIN opens a transaction; COMMIT, ROLLBACK and a DDL statement end one
                String sql = sql(event.getData());
                if (sql != null) {
                    inTransaction = sql.trim().equalsIgnoreCase("BEGIN");
                }
            }
            default -> { }
        }
    }

    private static String sql(EventData data) {
        EventData unwrapped = data instanceof EventDeserializer.EventDataWrapper wrapper ? wrapper.getInternal() : data;
        return unwrapped instanceof QueryEventData query ? query.getSql() : null;
    }

    @Override
    public void onConnect(BinaryLogClient connected) {
        long now = connected.getConnectionId();
        if (connection != 0 && now != connection && inTransaction && midTransactionReconnect == null) {
            midTransactionReconnect = "the binlog client reconnected to MySQL in the middle of a transaction "
                    + "(connection " + connection + ", now " + now + ", at " + connected.getBinlogFilename() + ":"
                    + connected.getBinlogPosition() + ")";
        }
        connection = now;
    }

    @Override
    public void onCommunicationFailure(BinaryLogClient failed, Exception ex) {}

    @Override
    public void onEventDeserializationFailure(BinaryLogClient failed, Exception ex) {}

    @Override
    public void onDisconnect(BinaryLogClient disconnected) {}
}
