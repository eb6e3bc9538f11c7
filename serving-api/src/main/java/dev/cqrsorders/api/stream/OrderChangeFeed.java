package dev.cqrsorders.api.stream;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one listener of the read model's change notifications (migration V5): a connection of its own LISTENs on
 * {@code order_details_changed}; at each notification it reads the feed and publishes every change it has not
 * published yet to the open streams. Streams never query on their own. After a lost connection it listens again and
 * catches up, so a stream misses nothing.
 *
 * <p>Numbers are taken when a write happens and become visible when it commits: with several writers (the job at
 * parallelism > 1) a change numbered 10 can commit after one numbered 11 was read. So the feed does not read "after
 * the greatest number seen" but after its {@link #safe()} point: a number below which every change is visible or never
 * will be. Each read notes the greatest number it saw and the transactions then in progress (PostgreSQL's snapshot);
 * once those have all ended, that number is safe. Above it, the numbers already published are skipped.
 */
@Context
public class OrderChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderChangeFeed.class);
    private static final int PAGE = 1000;
    private static final Duration QUIET_CHECK = Duration.ofSeconds(10);
    private static final String READ = "SELECT change_seq, order_id, document, user_id, order_status"
            + " FROM order_details_changes WHERE change_seq > ? AND change_seq <> ALL (?)"
            + " ORDER BY change_seq LIMIT " + PAGE;

    /** After a read: the greatest number it saw, and the transactions in progress when it read. */
    private record Checkpoint(long seen, Set<Long> inProgress) {}

    /** PostgreSQL's {@code pg_current_snapshot()}: transactions below xmin ended, those listed are in progress. */
    private record Snapshot(long xmin, long xmax, Set<Long> inProgress) {
        static Snapshot parse(String text) {
            String[] parts = text.split(":", -1);
            Set<Long> xip = parts[2].isEmpty() ? Set.of()
                    : Arrays.stream(parts[2].split(",")).map(Long::valueOf).collect(Collectors.toSet());
            return new Snapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
        }

        boolean ended(long xid) {
            return xid < xmin || xid < xmax && !inProgress.contains(xid);
        }
    }

    private final DatasourceConfiguration datasource;
    private final Sinks.Many<OrderChange> changes = Sinks.many().multicast().directBestEffort();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;
    private volatile long safe = -1;
    /** Numbers above {@link #safe} already published. */
    private final NavigableSet<Long> published = new TreeSet<>();
    private final Deque<Checkpoint> checkpoints = new ArrayDeque<>();

    public OrderChangeFeed(@Named("default") DatasourceConfiguration datasource,
                           @Value("${cqrs-orders.stream.listen-timeout:1s}") Duration listenTimeout) {
        this.datasource = datasource;
        this.listener = new Thread(() -> listen((int) listenTimeout.toMillis()), "order-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    /** Every change from now on, each once (a subscriber buffers what it cannot take at once). */
    public Flux<OrderChange> changes() {
        return changes.asFlux();
    }

    /**
     * Every change numbered at or below this is visible in the read model or never will be; a change above it may
     * still be published, whatever greater numbers were published before it.
     */
    public long safe() {
        return safe;
    }

    private void listen(int timeoutMillis) {
        while (running) {
            try (Connection connection = DriverManager.getConnection(datasource.getUrl(), listenerProperties());
                 Statement statement = connection.createStatement()) {
                listening = connection;
                statement.execute("LISTEN order_details_changed");
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                if (safe < 0) {
                    start(connection);
                }
                publishNew(connection); // what happened while no connection listened
                PGConnection notifications = connection.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] received = notifications.getNotifications(timeoutMillis);
                    if (received != null && received.length > 0 || !checkpoints.isEmpty()
                            && System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                        publishNew(connection);
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                        statement.execute("SELECT 1"); // a server that vanished without closing the socket
                        connection.commit();
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("change feed: {}; listening again in 1 s", e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    /**
     * From now on: what is visible now counts as published. A change of a transaction in progress at this moment
     * that commits with a smaller number than the newest is not published; only streams opened in that moment could
     * have wanted it (a stream opened later reads it in the order's current state).
     */
    private void start(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT greatest((SELECT max(change_seq) FROM order_details),"
                     + " (SELECT max(change_seq) FROM read_model_tombstones), 0)")) {
            rs.next();
            safe = rs.getLong(1);
            c.commit();
        }
        published.clear();
        checkpoints.clear();
    }

    private void publishNew(Connection c) throws SQLException {
        Snapshot snapshot;
        long seen = safe;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_snapshot()::text")) {
            rs.next();
            snapshot = Snapshot.parse(rs.getString(1));
        }
        try (PreparedStatement read = c.prepareStatement(READ)) {
            long after = safe;
            int rows;
            do {
                Array skip = c.createArrayOf("bigint", published.tailSet(after, false).toArray());
                read.setLong(1, after);
                read.setArray(2, skip);
                rows = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long number = rs.getLong(1);
                        OrderChange change = new OrderChange(number, rs.getLong(2), rs.getString(3),
                                (Long) rs.getObject(4), rs.getString(5));
                        published.add(number);
                        changes.tryEmitNext(change);
                        after = number;
                        seen = Math.max(seen, number);
                    }
                }
                skip.free();
            } while (rows == PAGE);
        }
        c.commit();
        if (!published.isEmpty()) {
            seen = Math.max(seen, published.last());
        }
        // every number up to a checkpoint's was taken before its read; once the transactions then in progress have
        // ended (as this read's snapshot shows), this read has seen all of them that committed
        checkpoints.add(new Checkpoint(seen, snapshot.inProgress()));
        while (!checkpoints.isEmpty() && checkpoints.peek().inProgress().stream().allMatch(snapshot::ended)) {
            safe = Math.max(safe, checkpoints.poll().seen());
        }
        published.headSet(safe, true).clear();
    }

    private Properties listenerProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", datasource.getUsername());
        properties.setProperty("password", datasource.getPassword());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "serving-api change feed");
        return properties;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        listener.interrupt();
        changes.tryEmitComplete();
    }
}
