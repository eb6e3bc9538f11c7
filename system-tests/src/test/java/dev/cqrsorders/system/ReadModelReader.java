package dev.cqrsorders.system;

import dev.cqrsorders.job.it.RandomHistory;
import dev.cqrsorders.servers.LocalServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the whole read model again and again as the API's role, as a client would, through every outage, and notes
 * what a client must never see: a status that moves back (to an older time, or an earlier stage at the same time),
 * an order that disappears (judged at the end: it counts if the order still exists in MySQL — ids are never
 * reused), a row without the user or address it references (the history never deletes users or addresses).
 */
final class ReadModelReader implements AutoCloseable {
    private static final List<String> LIFECYCLE = List.of(RandomHistory.STATUSES);

    private final String url;
    private final String user;
    private final String password;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong failedReads = new AtomicLong();
    final Map<Long, String> regressions = new ConcurrentHashMap<>();
    final Map<Long, String> disappeared = new ConcurrentHashMap<>();
    final Map<Long, String> halfJoined = new ConcurrentHashMap<>();

    ReadModelReader(LocalServers stack) {
        this.url = stack.postgres().jdbcUrl() + "?connectTimeout=3&socketTimeout=10";
        this.user = stack.credentials().postgresApiUser();
        this.password = stack.credentials().postgresApiPassword();
        this.thread = new Thread(this::run, "read-model-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<Long, String> lastSeen = new HashMap<>();
        while (running.get()) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                while (running.get()) {
                    Map<Long, String> seen = new HashMap<>();
                    try (ResultSet rs = s.executeQuery("SELECT order_id, user_id, user_name, address_id, full_address, "
                            + "to_char(last_order_update, 'YYYY-MM-DD HH24:MI:SS.MS'), order_status FROM order_details")) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            if (rs.getLong(2) < RandomHistory.MISSING_USER_IDS && rs.getString(3) == null
                                    || rs.getString(4) != null && rs.getString(5) == null) {
                                halfJoined.putIfAbsent(id, "user " + rs.getLong(2) + " " + rs.getString(3)
                                        + ", address " + rs.getString(4) + " " + rs.getString(5));
                            }
                            seen.put(id, rs.getString(6) + " " + LIFECYCLE.indexOf(rs.getString(7)) + " " + rs.getString(7));
                        }
                    }
                    for (Map.Entry<Long, String> before : lastSeen.entrySet()) {
                        String now = seen.get(before.getKey());
                        if (now == null) {
                            disappeared.putIfAbsent(before.getKey(), "after " + before.getValue());
                        } else if (now.compareTo(before.getValue()) < 0) {
                            regressions.putIfAbsent(before.getKey(), before.getValue() + " -> " + now);
                        }
                    }
                    lastSeen = seen;
                    reads.incrementAndGet();
                }
            } catch (SQLException down) {
                failedReads.incrementAndGet();
                LockSupport.parkNanos(200_000_000L); // then connect again; close() ends the loop
            }
        }
    }

    /** Orders that disappeared from a read although they exist at the end. */
    Map<Long, String> vanished(Set<Long> existingOrders) {
        Map<Long, String> vanished = new HashMap<>(disappeared);
        vanished.keySet().retainAll(existingOrders);
        return vanished;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
