package dev.cqrsorders.api.bench;

import dev.cqrsorders.servers.BenchmarkDoc;
import dev.cqrsorders.servers.PostgresServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-Sent Events subscribers of serving-api (issue 13): how soon a status change written to the read model reaches
 * 1,000 open streams, and what they cost the API's reads. Run with the other benchmarks of the profile:
 * {@code mvn -B -ntp -pl serving-api verify -Pbenchmark -Dit.test=SubscriberBenchmark} (needs {@code wrk}).
 *
 * <ol>
 *   <li>Warm-up: reads, then streams open with writes flowing (the JIT compiles the streams' paths).</li>
 *   <li>{@code bench.rounds} rounds of: a writer changing the status of a random one of orders 1–1,000
 *   {@code bench.writes-per-second} times a second as the job writes (one transaction, {@code change_seq = DEFAULT})
 *   and reads meanwhile (wrk {@code GET /order_details/{id}}, 32 connections); then the same with 1,000 subscribers
 *   open, one per order ({@code /order_details/{id}/stream}). Each change's delay from the writer's commit to the
 *   subscriber's event; the median of the rounds' read ratios (with / without subscribers, the writes in both).</li>
 *   <li>1,000 subscribers of one order: one write a second reaches all of them; the delay of every delivery.</li>
 * </ol>
 * The subscribers and the writer run in this JVM on the same machine as the API: their CPU is in every figure.
 */
class SubscriberBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 100_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 1000);
    private static final int WRITES_PER_SECOND = Integer.getInteger("bench.writes-per-second", 50);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String[] STATUSES = {"created", "received", "preparing", "ready", "picked_up", "delivered"};

    private final BenchmarkSection figures = new BenchmarkSection("serving-api-subscribers");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private PostgresServer postgres;
    private Path work;

    @Test
    void run() throws Exception {
        Instant began = Instant.now();
        work = Path.of("target", "subscriber-benchmark").toAbsolutePath();
        postgres = ApiBenchmark.loadedPostgres(work, ORDERS, figures);
        try (PostgresServer ignored = postgres) {
            try (ApiBenchmark.ApiProcess api = ApiBenchmark.ApiProcess.start(postgres, work)) {
                measure(api, began);
            }
        }
    }

    private void measure(ApiBenchmark.ApiProcess api, Instant began) throws Exception {
        Path randomId = ApiBenchmark.wrkScript(work, "random-id", "/order_details/\" .. math.random(1, " + ORDERS + ")", 0);
        ApiBenchmark.wrk(api, randomId, 32, 30); // warm-up
        // the streams' code paths compiled before anything is measured: right after the first streams opened, the
        // JIT's threads took ~0.25 of a core from the reads for seconds (the API's user CPU up 45 % in that window)
        Subscribers warmUp = open(api);
        Writer warmUpWrites = Writer.start(this, id -> ThreadLocalRandom.current().nextLong(1, SUBSCRIBERS + 1),
                WRITES_PER_SECOND);
        ApiBenchmark.wrk(api, randomId, 32, 20);
        warmUpWrites.stop();
        warmUp.close();

        List<Double> ratios = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> perOrderDelays = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // the same writes in both: the job writes whether or not anyone subscribes; what is compared is the streams
            Writer baselineWrites = Writer.start(this, id -> ThreadLocalRandom.current().nextLong(1, SUBSCRIBERS + 1),
                    WRITES_PER_SECOND);
            without.add(reads(api, randomId));
            baselineWrites.stop();
            Subscribers perOrder = open(api);
            Writer writer = Writer.start(this, id -> ThreadLocalRandom.current().nextLong(1, SUBSCRIBERS + 1),
                    WRITES_PER_SECOND);
            with.add(reads(api, randomId));
            writer.stop();
            perOrderDelays.addAll(perOrder.delays(writer.committed));
            perOrder.close();
            ratios.add(with.get(round - 1) / without.get(round - 1));
            figures.figure("reads.round" + round + ".without", without.get(round - 1), "req/s");
            figures.figure("reads.round" + round + ".with", with.get(round - 1), "req/s");
        }
        double ratio = ApiBenchmark.median(ratios);
        figures.figure("reads.ratio", ratio, "x");
        Percentiles perOrderLatency = Percentiles.of(perOrderDelays);
        perOrderLatency.print(figures, "per_order");

        Subscribers oneOrder = new Subscribers();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            oneOrder.open(api.url(), ORDERS / 2);
        }
        oneOrder.awaitOpen();
        Writer fanout = Writer.start(this, id -> ORDERS / 2, 1);
        Thread.sleep(SECONDS * 1000L);
        fanout.stop();
        List<Double> fanoutDelays = oneOrder.delays(fanout.committed);
        oneOrder.close();
        Percentiles fanoutLatency = Percentiles.of(fanoutDelays);
        fanoutLatency.print(figures, "one_order");

        BenchmarkDoc.writeSection(Path.of("..", "docs", "benchmarks.md"), "serving-api subscribers", """
                ## serving-api: 1,000 Server-Sent Events subscribers

                Written by `SubscriberBenchmark` (serving-api, profile `benchmark`); do not edit by hand.

                - command: `mvn -B -ntp install -DskipTests && mvn -B -ntp -pl serving-api verify -Pbenchmark -Dit.test=SubscriberBenchmark` (needs `wrk`)
                - date: %s
                - machine: %d cores, %s %s; %,d orders in order_details; the subscribers and the writer run beside the API
                - delay: from the writer's commit (a transaction as the job writes one status) to the event's arrival at the subscriber

                | case | deliveries | p50 | p99 | max |
                |---|---|---|---|---|
                | %,d subscribers, one per order, %d status writes/s (%d rounds of %d s) | %s |
                | %,d subscribers of one order, one write a second for %d s | %s |

                Reads (`GET /order_details/{id}`, wrk, 32 connections, %d s each), %d rounds, each first without
                subscribers, then with the %,d per-order streams open, the same writes flowing in both: %s req/s without,
                %s req/s with (medians); the median of the rounds' ratios: **%s**.
                """.formatted(began, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ORDERS, SUBSCRIBERS, WRITES_PER_SECOND, ROUNDS, SECONDS,
                perOrderLatency.row(), SUBSCRIBERS, SECONDS, fanoutLatency.row(), SECONDS, ROUNDS, SUBSCRIBERS,
                ApiBenchmark.format(ApiBenchmark.median(without)), ApiBenchmark.format(ApiBenchmark.median(with)),
                ApiBenchmark.format(ratio)));
    }

    /** {@code SUBSCRIBERS} streams, one per order from order 1 on, each with its first event received. */
    private Subscribers open(ApiBenchmark.ApiProcess api) throws InterruptedException {
        Subscribers subscribers = new Subscribers();
        for (int i = 1; i <= SUBSCRIBERS; i++) {
            subscribers.open(api.url(), i);
        }
        subscribers.awaitOpen();
        return subscribers;
    }

    /** wrk's read rate; prints the CPU this JVM (subscribers, writer) used meanwhile, in cores. */
    private double reads(ApiBenchmark.ApiProcess api, Path script) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        ApiBenchmark.Wrk run = ApiBenchmark.wrk(api, script, 32, SECONDS);
        figures.figure("reads.clients_cpu_cores", (double) (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall), "");
        figures.figure("reads.api_cpu_per_request", run.apiCpuMicrosPerRequest(), "µs");
        return run.rate();
    }

    record Commit(long orderId, long nanos) {}

    /** Writes order statuses as the job does, at a fixed rate, noting when each change's commit returned. */
    private static final class Writer implements Runnable {
        private final java.util.function.LongUnaryOperator nextOrder;
        private final int perSecond;
        /** By change_seq: the order and the nanoTime after the commit. */
        final Map<Long, Commit> committed = new ConcurrentHashMap<>();
        private final PostgresServer postgres;
        private final Thread thread;
        private volatile boolean running = true;

        private Writer(PostgresServer postgres, java.util.function.LongUnaryOperator nextOrder, int perSecond) {
            this.postgres = postgres;
            this.nextOrder = nextOrder;
            this.perSecond = perSecond;
            this.thread = new Thread(this, "status-writer");
        }

        /** Writing from now on; the first two seconds before the caller measures anything. */
        static Writer start(SubscriberBenchmark bench, java.util.function.LongUnaryOperator nextOrder, int perSecond)
                throws InterruptedException {
            Writer writer = new Writer(bench.postgres, nextOrder, perSecond);
            writer.thread.start();
            Thread.sleep(2_000);
            return writer;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            try (Connection c = postgres.connectAsOwner();
                 PreparedStatement update = c.prepareStatement("UPDATE order_details SET order_status = ?,"
                         + " status_key = status_key + 1, change_seq = DEFAULT, read_model_updated_at = DEFAULT"
                         + " WHERE order_id = ? RETURNING change_seq")) {
                c.setAutoCommit(false);
                long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
                long next = System.nanoTime();
                int n = 0;
                while (running) {
                    update.setString(1, STATUSES[n++ % STATUSES.length]);
                    long order = nextOrder.applyAsLong(0);
                    update.setLong(2, order);
                    long seq;
                    try (ResultSet rs = update.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                    c.commit();
                    committed.put(seq, new Commit(order, System.nanoTime()));
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Open SSE streams, each noting when an event with an id arrived (id → nanoTime, per stream). */
    private final class Subscribers implements AutoCloseable {
        private record Stream(long orderId, Map<Long, Long> arrivals) {}

        private final List<Stream> streams = Collections.synchronizedList(new ArrayList<>());
        private final List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        private final List<Flow.Subscription> subscriptions = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger firstEvents = new AtomicInteger();
        private int opened;

        void open(String api, long orderId) {
            Map<Long, Long> arrivals = new ConcurrentHashMap<>();
            streams.add(new Stream(orderId, arrivals));
            opened++;
            responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/order_details/" + orderId + "/stream"))
                    .header("Accept", "text/event-stream")
                    .build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        private boolean first = true;

                        @Override
                        public void onSubscribe(Flow.Subscription subscription) {
                            subscriptions.add(subscription);
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            long now = System.nanoTime();
                            if (line.startsWith("id:")) {
                                if (first) {
                                    first = false;
                                    firstEvents.incrementAndGet();
                                } else {
                                    arrivals.putIfAbsent(Long.parseLong(line.substring(3).trim()), now);
                                }
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            // closed by the benchmark
                        }

                        @Override
                        public void onComplete() {
                            // closed by the server
                        }
                    })));
        }

        void awaitOpen() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (firstEvents.get() < opened) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(firstEvents.get() + " of " + opened + " streams opened");
                }
                Thread.sleep(50);
            }
        }

        /** The delay of every delivery of a committed change, in ms; fails if a stream missed a change of its order. */
        List<Double> delays(Map<Long, Commit> committed) throws InterruptedException {
            Thread.sleep(2_000); // the last deliveries
            List<Double> delays = new ArrayList<>();
            long missing = 0;
            for (Stream stream : streams) {
                for (Map.Entry<Long, Commit> change : committed.entrySet()) {
                    if (change.getValue().orderId() == stream.orderId()) {
                        Long arrival = stream.arrivals().get(change.getKey());
                        if (arrival == null) {
                            missing++;
                        } else {
                            delays.add((arrival - change.getValue().nanos()) / 1e6);
                        }
                    }
                }
            }
            if (missing != 0) {
                throw new IllegalStateException(missing + " of " + (missing + delays.size()) + " deliveries missing");
            }
            return delays;
        }

        @Override
        public void close() {
            subscriptions.forEach(Flow.Subscription::cancel);
            responses.forEach(response -> response.cancel(true));
        }
    }

    record Percentiles(int count, double p50, double p99, double max) {
        static Percentiles of(List<Double> delays) {
            List<Double> sorted = delays.stream().sorted().toList();
            return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
        }

        private static double at(List<Double> sorted, double q) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
        }

        void print(BenchmarkSection figures, String name) {
            figures.figure(name + ".deliveries", count, "");
            figures.figure(name + ".p50", p50, "ms");
            figures.figure(name + ".p99", p99, "ms");
            figures.figure(name + ".max", max, "ms");
        }

        String row() {
            return "%,d | %s ms | %s ms | %s ms".formatted(count, ApiBenchmark.format(p50), ApiBenchmark.format(p99),
                    ApiBenchmark.format(max));
        }
    }
}
