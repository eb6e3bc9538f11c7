package dev.cqrsorders.api.stream;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The one listener of the read model's change notifications (migration V5): a connection of its own LISTENs on
 * {@code order_details_changed}; at each notification it reads the feed after the last number it has seen, through
 * the pool, and publishes every change to the open streams. Streams never query on their own. After a lost
 * connection it listens again and catches up from its last number, so a stream misses nothing.
 */
@Context
public class OrderChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderChangeFeed.class);
    private static final int PAGE = 1000;
    private static final Duration QUIET_CHECK = Duration.ofSeconds(10);

    private final OrderChangesRepository repository;
    private final DatasourceConfiguration datasource;
    private final Sinks.Many<OrderChange> changes = Sinks.many().multicast().directBestEffort();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;
    private long last = -1;

    public OrderChangeFeed(OrderChangesRepository repository, @Named("default") DatasourceConfiguration datasource,
                           @Value("${cqrs-orders.stream.listen-timeout:1s}") Duration listenTimeout) {
        this.repository = repository;
        this.datasource = datasource;
        this.listener = new Thread(() -> listen((int) listenTimeout.toMillis()), "order-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    /** Every change from now on, in change_seq order (a subscriber buffers what it cannot take at once). */
    public Flux<OrderChange> changes() {
        return changes.asFlux();
    }

    private void listen(int timeoutMillis) {
        while (running) {
            try (Connection connection = DriverManager.getConnection(datasource.getUrl(), listenerProperties());
                 Statement statement = connection.createStatement()) {
                listening = connection;
                statement.execute("LISTEN order_details_changed");
                if (last < 0) {
                    last = repository.newest();
                }
                publishAfterLast(); // what happened while no connection listened
                PGConnection notifications = connection.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] received = notifications.getNotifications(timeoutMillis);
                    if (received != null && received.length > 0) {
                        publishAfterLast();
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                        statement.execute("SELECT 1"); // a server that vanished without closing the socket
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

    private Properties listenerProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", datasource.getUsername());
        properties.setProperty("password", datasource.getPassword());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "serving-api change feed");
        return properties;
    }

    private void publishAfterLast() {
        List<OrderChange> page;
        do {
            page = repository.after(last, PAGE);
            for (OrderChange change : page) {
                changes.tryEmitNext(change);
                last = change.changeSeq();
            }
        } while (page.size() == PAGE);
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
