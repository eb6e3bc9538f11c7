package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.CliErrors.UsageChecks;
import dev.cqrsorders.seed.CliErrors.UserError;
import dev.cqrsorders.seed.MySqlOptions;
import dev.cqrsorders.seed.MySqlOptions.ShopAccount;
import dev.cqrsorders.seed.TimeConverters;
import dev.cqrsorders.seed.events.EventStream.EventStreamSettings;
import dev.cqrsorders.seed.events.EventStream.InjectedShares;
import dev.cqrsorders.seed.events.OrderIdPool.OrderIdRange;
import dev.cqrsorders.seed.events.OrderIdPool.ShopOrderIds;
import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** {@code seed-data events}: publishes order status lifecycles to Kafka at a steady rate. */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes order status events (key: order id; value: JSON with event_id, order_id, status, "
                + "source, event_time) to Kafka: each order goes created, received, preparing, ready, picked_up, "
                + "delivered, or is cancelled early on. Event times increase along each order's lifecycle.",
                "Orders: those in MySQL (read once at start) or --order-ids. Runs until --count records, "
                        + "--duration, or Ctrl-C, then prints what it sent per kind.",
                "The injection shares are fractions of all records sent and add up to at most 1.0."})
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "100",
            description = "Records per second, evenly spaced (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N records, injected ones included (default: no limit).")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = TimeConverters.PositiveDuration.class,
            description = "Stop after this long, e.g. 30s, 5m (default: no limit; Ctrl-C stops too).")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed; the same seed and --start-time give the same records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--order-ids", paramLabel = "FIRST-LAST", converter = OrderIdRange.Converter.class,
            description = "Generate events for these order ids instead of reading the ids in MySQL "
                    + "(default: the orders in MySQL).")
    OrderIdRange orderIds;

    @Option(names = "--out-of-order", paramLabel = "SHARE", defaultValue = "0.0",
            description = "Share of records sent after a later event of the same order, with their true (earlier) "
                    + "event_time (default: ${DEFAULT-VALUE}).")
    double outOfOrder;

    @Option(names = "--duplicates", paramLabel = "SHARE", defaultValue = "0.0",
            description = "Share of records that repeat a recently sent event, same event_id (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--early", paramLabel = "SHARE", defaultValue = "0.0",
            description = "Share of records for orders not in MySQL yet: ids counting up from the highest known "
                    + "order id + 1 (default: ${DEFAULT-VALUE}).")
    double early;

    @Option(names = "--malformed", paramLabel = "SHARE", defaultValue = "0.0",
            description = "Share of invalid records: not JSON, truncated JSON, a missing or mistyped field, an "
                    + "unknown status, a negative order id, a year-9999 or unparseable time (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--cancelled", paramLabel = "SHARE", defaultValue = "0.1",
            description = "Share of orders cancelled instead of delivered (default: ${DEFAULT-VALUE}).")
    double cancelled;

    @Option(names = "--start-time", paramLabel = "INSTANT", converter = TimeConverters.UtcInstant.class,
            description = "event_time of the first record; record i is stamped start + i/rate s "
                    + "(default: now; set it for reproducible records).")
    Instant startTime;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${env:KAFKA_PORT:-9092}}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:$KAFKA_PORT; "
                    + "default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "order_updates",
            description = "Kafka topic of order status events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Mixin
    MySqlOptions mysql;

    @Mixin
    ShopAccount shop;

    @Override
    public Integer call() {
        InjectedShares injections = validate();
        Instant start = (startTime != null ? startTime : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
        EventStream stream = new EventStream(new EventStreamSettings(seed, start, rate, injections, cancelled,
                EventStreamSettings.DEFAULT_IN_FLIGHT), knownOrderIds());
        SentSummary summary = new SentSummary();
        try (KafkaEventSink sink = new KafkaEventSink(bootstrapServers, topic, mysql.connectTimeout())) {
            sink.requireTopic();
            try (StopSignal stop = new StopSignal()) {
                long startNanos = System.nanoTime();
                sendUntilDone(stream, sink, summary, stop, startNanos);
                sink.flush();
                report(summary, Duration.ofNanos(System.nanoTime() - startNanos), stream);
            }
            if (sink.failures() > 0) {
                throw new UserError("events: " + sink.failures() + " records were not acknowledged by Kafka: "
                        + UserError.reason(sink.firstFailure()), sink.firstFailure());
            }
        }
        return 0;
    }

    private void sendUntilDone(EventStream stream, KafkaEventSink sink, SentSummary summary, StopSignal stop,
                               long startNanos) {
        Pacer pacer = new Pacer(rate, System::nanoTime, LockSupport::parkNanos);
        long deadline = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
        for (long i = 0; count == null || i < count; i++) {
            pacer.awaitTurn(i);
            if (stop.requested() || System.nanoTime() >= deadline) {
                return;
            }
            OutgoingRecord record = stream.next();
            sink.send(record);
            summary.add(record);
        }
    }

    private InjectedShares validate() {
        UsageChecks.require(spec, rate > 0 && rate <= 10_000_000, "--rate must be above 0 and at most 10000000");
        UsageChecks.require(spec, count == null || count >= 0, "--count must not be negative");
        UsageChecks.requireShare(spec, "--out-of-order", outOfOrder);
        UsageChecks.requireShare(spec, "--duplicates", duplicates);
        UsageChecks.requireShare(spec, "--early", early);
        UsageChecks.requireShare(spec, "--malformed", malformed);
        UsageChecks.requireShare(spec, "--cancelled", cancelled);
        UsageChecks.require(spec, outOfOrder + duplicates + early + malformed <= 1.0 + 1e-9,
                "--out-of-order, --duplicates, --early and --malformed add up to more than 1.0");
        return new InjectedShares(outOfOrder, duplicates, early, malformed);
    }

    private long[] knownOrderIds() {
        if (orderIds != null) {
            return orderIds.ids();
        }
        try (Connection connection = shop.connect(mysql)) {
            return ShopOrderIds.load(connection, shop.database());
        } catch (SQLException e) {
            throw new UserError("events: reading order ids: " + UserError.reason(e), e);
        }
    }

    private void report(SentSummary summary, Duration elapsed, EventStream stream) {
        PrintWriter out = spec.commandLine().getOut();
        summary.lines(topic, elapsed).forEach(out::println);
        if (summary.count(RecordKind.EARLY) > 0) {
            out.println("events: early order ids start at " + (stream.highestKnownOrderId() + 1));
        }
        out.flush();
    }

    /**
     * Ctrl-C (or SIGTERM) asks the send loop to stop; the JVM's shutdown then waits (a few seconds at most) until the
     * loop has flushed the producer and printed its summary.
     */
    static final class StopSignal implements AutoCloseable {
        private static final long GRACE_SECONDS = 10;

        private volatile boolean requested;
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(this::onShutdown, "seed-data-events-stop");

        StopSignal() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean requested() {
            return requested;
        }

        private void onShutdown() {
            requested = true;
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The loop is done (summary printed): shutdown may proceed; outside a shutdown the hook is removed. */
        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it just returns now
            }
        }
    }

    /**
     * Spreads records evenly at a rate: record {@code i} is due at {@code start + i / rate}. Falling more than a second
     * behind (a slow broker) moves the schedule instead of catching up in a burst.
     */
    static final class Pacer {
        private static final long MAX_LAG_NANOS = 1_000_000_000L;

        private final double nanosPerRecord;
        private final LongSupplier nanoTime;
        private final LongConsumer sleepNanos;
        private long baseNanos;
        private long baseIndex;

        Pacer(double ratePerSecond, LongSupplier nanoTime, LongConsumer sleepNanos) {
            this.nanosPerRecord = 1e9 / ratePerSecond;
            this.nanoTime = nanoTime;
            this.sleepNanos = sleepNanos;
            this.baseNanos = nanoTime.getAsLong();
        }

        /** Waits until record {@code index} (counted from 0) is due. */
        void awaitTurn(long index) {
            long due = baseNanos + (long) ((index - baseIndex) * nanosPerRecord);
            long now = nanoTime.getAsLong();
            if (due > now) {
                sleepNanos.accept(due - now);
            } else if (now - due > MAX_LAG_NANOS) {
                baseNanos = now;
                baseIndex = index;
            }
        }
    }
}
