package dev.cqrsorders.job.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Properties;

/**
 * Writes the read model as fast as PostgreSQL commits: writes collect in a {@link WriteBatch} while the previous
 * batch is being applied on a background thread, and the next batch starts as soon as that one returns — one
 * transaction per batch, no flush timer. At a checkpoint, {@link #flush} waits until everything received is committed.
 * Every batch commits synchronously: a commit PostgreSQL acknowledged survives its crash (with asynchronous commits a
 * crash lost the last batches, and nothing would ever write them again — the job does not restart for an outage it
 * rides out; found by the fault suite).
 *
 * <p>A row PostgreSQL refuses (SQLSTATE class 22 data exception, 23 constraint, 54 limit: a NUL character in a text,
 * a number out of range) never blocks the others: the batch is split until the refused row is alone, that row is
 * recorded in {@code read_model_rejects} with PostgreSQL's reason and counted ({@code readModelRowsRejected}), the
 * rest is written. Connection problems are retried with backoff for {@code retryTimeout}, then the job fails and its
 * restart strategy takes over.
 */
final class ReadModelWriter implements SinkWriter<ReadModelWrite> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReadModelSink.Settings settings;
    /** Who writes, in read_model_progress: the sink operator and its subtask. */
    private final String writerName;
    private final String operator;
    private final int subtasks;
    private final Counter written;
    private final Counter rejected;
    private final Object lock = new Object();
    private final Thread flusher;
    /** Full batches handed over by {@link #writeAll}, applied in order before {@link #pending}. */
    private final ArrayDeque<WriteBatch> queued = new ArrayDeque<>();
    private WriteBatch pending = new WriteBatch();
    private boolean applying;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile long lastBatchMillis;
    private volatile long lastBatchRows;
    private Connection connection;

    /** {@code operator}'s {@code subtask} of {@code subtasks}: who writes, in read_model_progress. */
    ReadModelWriter(ReadModelSink.Settings settings, MetricGroup metrics, String operator, int subtask, int subtasks) {
        this.settings = settings;
        this.operator = operator;
        this.subtasks = subtasks;
        this.writerName = operator + "/" + subtask;
        this.written = metrics.counter("readModelRowsWritten");
        this.rejected = metrics.counter("readModelRowsRejected");
        metrics.gauge("readModelLastBatchMillis", () -> lastBatchMillis);
        metrics.gauge("readModelLastBatchRows", () -> lastBatchRows);
        this.flusher = new Thread(this::run, "read-model-writer " + writerName);
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    @Override
    public void write(ReadModelWrite element, Context context) throws IOException, InterruptedException {
        synchronized (lock) {
            // back-pressure: a full batch waits for the one being applied
            while (pending.size() >= settings.maxBatchRows() && (applying || !queued.isEmpty()) && failure == null) {
                lock.wait(100);
            }
            checkFailure();
            pending.add(element);
            lock.notifyAll();
        }
    }

    /**
     * Writes {@code writes} after everything received so far, without waiting for PostgreSQL: they are in memory
     * already, and the caller's thread goes on while the background thread applies them batch by batch.
     */
    void writeAll(List<ReadModelWrite> writes) throws IOException {
        synchronized (lock) {
            checkFailure();
            for (ReadModelWrite write : writes) {
                pending.add(write);
                if (pending.size() >= settings.maxBatchRows()) {
                    queued.add(pending);
                    pending = new WriteBatch();
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        synchronized (lock) {
            while ((applying || !pending.isEmpty() || !queued.isEmpty()) && failure == null) {
                lock.wait(100);
            }
            checkFailure();
        }
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw new IOException("writing the read model failed", failure);
        }
    }

    private void run() {
        try {
            while (!closed) {
                WriteBatch batch;
                synchronized (lock) {
                    while (pending.isEmpty() && queued.isEmpty() && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    if (queued.isEmpty()) {
                        batch = pending;
                        pending = new WriteBatch();
                    } else {
                        batch = queued.poll();
                    }
                    applying = true;
                }
                long start = System.nanoTime();
                int rows = batch.size();
                applyIsolatingBadRows(batch);
                lastBatchMillis = (System.nanoTime() - start) / 1_000_000;
                lastBatchRows = rows;
                synchronized (lock) {
                    applying = false;
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            LOG.error("writing the read model failed", t);
        } finally {
            synchronized (lock) {
                applying = false;
                lock.notifyAll();
            }
        }
    }

    /** Applies the batch; if PostgreSQL refuses a row, halves the batch until that row is alone and rejects it. */
    private void applyIsolatingBadRows(WriteBatch batch) throws Exception {
        SQLException rowError = withRetries(() -> {
            try {
                batch.apply(connection(), writerName);
                connection.commit();
                return null;
            } catch (SQLException e) {
                rollbackQuietly();
                if (isRowError(e)) {
                    return e;
                }
                throw e;
            }
        });
        if (rowError == null) {
            written.inc(batch.size());
            return;
        }
        List<ReadModelWrite> writes = batch.writes();
        if (writes.size() == 1) {
            reject(writes.get(0), rowError);
            return;
        }
        int half = writes.size() / 2;
        applyIsolatingBadRows(WriteBatch.of(writes.subList(0, half)));
        applyIsolatingBadRows(WriteBatch.of(writes.subList(half, writes.size())));
    }

    private void reject(ReadModelWrite write, SQLException reason) throws Exception {
        LOG.warn("PostgreSQL refused {} {} (recorded in read_model_rejects): {}", write.table().tableName(),
                write.id(), reason.getMessage());
        withRetries(() -> {
            Connection c = connection();
            try (PreparedStatement s = c.prepareStatement(ReadModelStatements.REJECT)) {
                s.setString(1, write.table().tableName());
                s.setLong(2, write.id());
                s.setLong(3, ReadModelStatements.version(write));
                s.setString(4, String.valueOf(reason.getMessage()));
                // Jackson escapes control characters (\u0000), so the record itself is always storable text
                s.setString(5, JSON.writeValueAsString(write));
                s.executeUpdate();
            }
            c.commit();
            return null;
        });
        rejected.inc();
    }

    /** Data the row holds that PostgreSQL cannot store: retrying cannot help, isolating can. */
    static boolean isRowError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** A connection or server problem that may pass: retried. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    private <T> T withRetries(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + settings.retryTimeout().toNanos();
        long backoff = 100;
        while (true) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!isTransient(e) || System.nanoTime() > deadline || closed) {
                    throw e;
                }
                LOG.warn("PostgreSQL unavailable ({}: {}); retrying in {} ms", e.getSQLState(), e.getMessage(), backoff);
                closeConnection();
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties props = new Properties();
            props.setProperty("user", settings.user());
            props.setProperty("password", settings.password());
            props.setProperty("connectTimeout", Long.toString(settings.connectTimeout().toSeconds()));
            props.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("ApplicationName", "cqrs-orders flink-job");
            // the driver itself, not DriverManager: it does not see drivers of Flink's user-code class loader
            Connection c = new org.postgresql.Driver().connect(settings.url(), props);
            if (c == null) {
                throw new SQLException("not a PostgreSQL JDBC URL: " + settings.url(), "08001");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // whatever the server's default: an acknowledged batch must survive a crash of PostgreSQL
                s.execute("SET synchronous_commit TO on");
            }
            ReadModelStatements.forgetGoneWriters(c, operator, subtasks);
            c.commit();
            connection = c;
        }
        return connection;
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            closeConnection();
        }
    }

    private void closeConnection() {
        IOUtils.closeQuietly(connection); // a failure to close a broken connection says nothing new
        connection = null;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        flusher.interrupt();
        flusher.join(Duration.ofSeconds(10).toMillis());
        closeConnection();
    }
}
