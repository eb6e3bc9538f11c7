package dev.cqrsorders.servers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The real servers the product talks to, each on 127.0.0.1 with its data under one work directory. Servers start
 * on demand ({@link #ensure}) and in parallel; a port of 0 means "pick a free one". {@link #close()} stops exactly
 * what this instance started, in reverse order.
 */
public final class LocalServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServers.class);

    /**
     * The servers' ports; 0 picks free ones. {@code flinkMetrics} is the first of the Flink processes' Prometheus
     * ports (the JobManager and each TaskManager take one).
     */
    public record ServerPorts(int mysql, int kafka, int postgres, int flinkRest, int flinkMetrics) {
        public static ServerPorts free() {
            return new ServerPorts(0, 0, 0, 0, 0);
        }

        /**
         * The contract's defaults, overridable by MYSQL_PORT, KAFKA_PORT, POSTGRES_PORT, FLINK_REST_PORT and
         * FLINK_METRICS_PORT.
         */
        public static ServerPorts fromEnvironment(Map<String, String> env) {
            return new ServerPorts(intOr(env, "MYSQL_PORT", 3306), intOr(env, "KAFKA_PORT", 9092),
                    intOr(env, "POSTGRES_PORT", 5432), intOr(env, "FLINK_REST_PORT", 8081),
                    intOr(env, "FLINK_METRICS_PORT", 9249));
        }

        private static int intOr(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
            }
        }
    }

    private final Path workDir;
    private final ServerPorts ports;
    private final Credentials credentials;
    private final FlinkCluster.Options flinkOptions;
    private final Map<Server, AutoCloseable> running = new EnumMap<>(Server.class);
    private final Map<Server, Long> startMillis = new EnumMap<>(Server.class);
    private boolean mysqlTls;

    public LocalServers(Path workDir, ServerPorts ports, Credentials credentials, FlinkCluster.Options flinkOptions) {
        this.workDir = workDir.toAbsolutePath();
        this.ports = ports;
        this.credentials = credentials;
        this.flinkOptions = flinkOptions;
        try {
            Files.createDirectories(this.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB offers TLS, as MySQL 8 does, for the people who connect to it: MariaDB's own clients from 11.4 on
     * require it by default (they verify its self-signed certificate through the password). The tests, which connect
     * without TLS, leave it off and save making the certificate.
     */
    public synchronized LocalServers withMySqlTls() {
        mysqlTls = true;
        return this;
    }

    /** Starts, in parallel, whichever of {@code servers} is not running yet. */
    public synchronized LocalServers ensure(Server... servers) {
        List<Server> missing = new ArrayList<>();
        for (Server server : servers) {
            if (!running.containsKey(server) && !missing.contains(server)) {
                missing.add(server);
            }
        }
        Map<Server, CompletableFuture<AutoCloseable>> starting = new EnumMap<>(Server.class);
        for (Server server : missing) {
            starting.put(server, CompletableFuture.supplyAsync(timed(server, () -> startServer(server))));
        }
        RuntimeException failure = null;
        for (Map.Entry<Server, CompletableFuture<AutoCloseable>> entry : starting.entrySet()) {
            try {
                running.put(entry.getKey(), entry.getValue().join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
        return this;
    }

    private Supplier<AutoCloseable> timed(Server server, Supplier<AutoCloseable> start) {
        return () -> {
            long begin = System.nanoTime();
            AutoCloseable started = start.get();
            long millis = (System.nanoTime() - begin) / 1_000_000;
            synchronized (startMillis) {
                startMillis.put(server, millis);
            }
            LOG.info("{} started in {} ms", server, millis);
            return started;
        };
    }

    private AutoCloseable startServer(Server server) {
        Path dir = workDir.resolve(server.name().toLowerCase());
        return switch (server) {
            case MARIADB -> Ports.startOn(ports.mysql(), port -> MariaDbServer.start(port, dir, credentials, mysqlTls));
            case KAFKA -> Ports.startOn(ports.kafka(), port -> KafkaBroker.start(port, dir));
            case POSTGRES -> Ports.startOn(ports.postgres(), port -> PostgresServer.start(port, dir, credentials));
            case FLINK -> Ports.startOn(ports.flinkRest(),
                    port -> FlinkCluster.start(port, ports.flinkMetrics(), dir, flinkOptions));
        };
    }

    /**
     * Crashes a server for a fault test: {@code kill -9} (PostgreSQL: an immediate stop, as {@code pg_ctl -m
     * immediate}). The Flink processes are crashed through {@link #flink()}.
     */
    public void crash(Server server) {
        switch (server) {
            case MARIADB -> mariaDb().kill();
            case KAFKA -> kafka().kill();
            case POSTGRES -> postgres().stopImmediately();
            case FLINK -> throw new IllegalArgumentException("crash the JobManager or TaskManager through flink()");
        }
    }

    /** Starts a crashed server again on the same port with the same data. */
    public void startAgain(Server server) {
        AutoCloseable restarted = switch (server) {
            case MARIADB -> mariaDb().startAgain();
            case KAFKA -> kafka().startAgain();
            case POSTGRES -> postgres().startAgain();
            case FLINK -> throw new IllegalArgumentException("start the JobManager or TaskManager through flink()");
        };
        synchronized (this) {
            running.put(server, restarted);
        }
    }

    public MariaDbServer mariaDb() {
        return get(Server.MARIADB, MariaDbServer.class);
    }

    public KafkaBroker kafka() {
        return get(Server.KAFKA, KafkaBroker.class);
    }

    public PostgresServer postgres() {
        return get(Server.POSTGRES, PostgresServer.class);
    }

    public FlinkCluster flink() {
        return get(Server.FLINK, FlinkCluster.class);
    }

    private synchronized <T> T get(Server server, Class<T> type) {
        AutoCloseable instance = running.get(server);
        if (instance == null) {
            throw new IllegalStateException(server + " is not running; start it with ensure(Server." + server + ")");
        }
        return type.cast(instance);
    }

    public Path workDir() {
        return workDir;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** How long each server took to start, in milliseconds. */
    public Map<Server, Long> startMillis() {
        synchronized (startMillis) {
            return new EnumMap<>(startMillis);
        }
    }

    @Override
    public synchronized void close() {
        List<Server> order = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(order);
        for (Server server : order) {
            try {
                running.remove(server).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", server, e.toString());
            }
        }
    }
}
