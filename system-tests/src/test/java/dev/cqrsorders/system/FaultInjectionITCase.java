package dev.cqrsorders.system;

import dev.cqrsorders.job.it.RandomHistory;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WorkDir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The randomized fault suite: a seeded history of MySQL transactions (some over 500 rows) and events (late, early,
 * duplicated, malformed) flows into the real servers while the job — the shaded jar on a real JobManager and
 * TaskManager, submitted as the dashboard does — loses its processes one after another: TaskManager and JobManager
 * killed, PostgreSQL stopped immediately, MariaDB and Kafka killed, any of them frozen, a TaskManager killed during
 * the initial snapshot. At each validation point the workload stops, a sentinel is written and awaited, and the
 * read model and the dead-letter topic are compared with the oracle rebuilt from MySQL and the whole topic; a reader
 * watches for statuses moving back, orders vanishing and half-joined rows throughout.
 *
 * <p>{@code mvn verify} runs the short profile (one seed, five faults of five kinds); {@code -Pchaos} the long one
 * ({@code -Dfaults.profile=long -Dfaults.seeds=1,2,3}: 12 random faults per seed). The seed and every fault are printed.
 */
class FaultInjectionITCase {
    record Profile(String name, int orders, int phases, Duration phaseLength, int faultsPerPhase,
                   FaultInjector.Durations durations) {
        static Profile fromSystemProperties() {
            if ("none".equals(System.getProperty("faults.profile"))) {
                // the control: the same workload and checks without faults
                return new Profile("none", 1200, 2, Duration.ofSeconds(20), -1, null);
            }
            return "long".equals(System.getProperty("faults.profile", "short"))
                    ? new Profile("long", 3000, 4, Duration.ofSeconds(60), 3, new FaultInjector.Durations(
                    Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(5),
                    Duration.ofSeconds(60)))
                    : new Profile("short", 1200, 2, Duration.ofSeconds(20), 0, new FaultInjector.Durations(
                    Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5),
                    Duration.ofSeconds(10)));
        }

        /**
         * The short profile's faults are fixed: five kinds (with the TaskManager crash during the snapshot). The Kafka
         * crash (~30 s to recover here) is in the long profile only. The long one draws them at random.
         */
        List<FaultInjector.Kind> faults(int phase, FaultInjector injector) {
            if (faultsPerPhase < 0) {
                return List.of();
            }
            if (faultsPerPhase == 0) {
                return phase == 0
                        ? List.of(FaultInjector.Kind.POSTGRES_IMMEDIATE_STOP, FaultInjector.Kind.STALL)
                        : List.of(FaultInjector.Kind.MARIADB_KILL, FaultInjector.Kind.JOB_MANAGER_KILL);
            }
            List<FaultInjector.Kind> kinds = new ArrayList<>();
            for (int i = 0; i < faultsPerPhase; i++) {
                kinds.add(injector.randomKind());
            }
            return kinds;
        }
    }

    @Test
    void noFaultLosesChangesOrMovesARowBack() throws Exception {
        Profile profile = Profile.fromSystemProperties();
        List<String> results = new ArrayList<>();
        for (String seed : System.getProperty("faults.seeds", "1").split(",")) {
            results.add(run(profile, Long.parseLong(seed.trim())));
        }
        System.out.println("FAULTS | profile | seed | faults by kind | rows | lost | extra | wrong | dead letters"
                + " | DLQ missing | DLQ wrong | DLQ duplicates | reader: regressions / vanished / half-joined (reads)"
                + " | job restarts | converged after last fault");
        results.forEach(line -> System.out.println("FAULTS " + line));
    }

    private String run(Profile profile, long seed) throws Exception {
        System.out.printf("FAULT suite: profile %s, seed %d%n", profile.name(), seed);
        Random random = new Random(seed);
        FlinkCluster.Options flink = FlinkCluster.Options.defaults()
                // notice a lost TaskManager or JobManager within seconds rather than the default 50 s
                .with("heartbeat.interval", "1000").with("heartbeat.timeout", "5000");
        Path work = Path.of("target", "faults-" + profile.name() + "-" + seed).toAbsolutePath();
        WorkDir.wipe(work); // every run starts from empty servers: the oracle and the markers assume it
        try (LocalServers stack = new LocalServers(work, LocalServers.ServerPorts.free(), Credentials.defaults(), flink)) {
            stack.ensure(Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK);
            LocalSystem.seedData(stack, "schema");
            RandomHistory history = RandomHistory.generate(seed, profile.orders() / 6, profile.orders());
            List<RandomHistory.Step> steps = history.steps;
            int snapshotPart = steps.size() * 2 / 5;
            try (ShopWorkload workload = new ShopWorkload(stack, history, seed)) {
                workload.play(steps.subList(0, snapshotPart), Duration.ZERO);
                String jobId = LocalSystem.submitJob(stack);
                FaultInjector faults = new FaultInjector(stack, jobId, random, profile.durations());
                try (ReadModelReader reader = new ReadModelReader(stack)) {
                    awaitFirstRows(stack);
                    if (profile.faultsPerPhase() >= 0) {
                        faults.inject(FaultInjector.Kind.TASK_MANAGER_KILL); // during the initial snapshot
                    }
                    List<SourcesOfTruth.Comparison> checks = new ArrayList<>();
                    long convergedMillis = 0;
                    int from = snapshotPart;
                    for (int phase = 0; phase < profile.phases(); phase++) {
                        int to = snapshotPart + (steps.size() - snapshotPart) * (phase + 1) / profile.phases();
                        List<RandomHistory.Step> part = steps.subList(from, to);
                        AtomicReference<Exception> workloadFailure = new AtomicReference<>();
                        Thread writer = new Thread(() -> {
                            try {
                                workload.play(part, profile.phaseLength());
                            } catch (Exception e) {
                                workloadFailure.set(e);
                            }
                        }, "shop-workload");
                        writer.start();
                        List<FaultInjector.Kind> kinds = profile.faults(phase, faults);
                        long gap = profile.phaseLength().toMillis() / (kinds.size() + 1);
                        for (FaultInjector.Kind kind : kinds) {
                            Thread.sleep(random.nextLong(gap / 2, gap));
                            faults.inject(kind);
                        }
                        writer.join();
                        assertThat(workloadFailure.get()).as("the workload").isNull();
                        long quiet = System.nanoTime();
                        checks.add(validate(stack, workload, phase));
                        convergedMillis = (System.nanoTime() - quiet) / 1_000_000;
                        from = to;
                    }
                    reader.close();
                    SourcesOfTruth.Comparison last = checks.get(checks.size() - 1);
                    Map<Long, String> vanished = reader.vanished(last.existingOrders());

                    for (SourcesOfTruth.Comparison check : checks) {
                        assertThat(check.exact()).as("read model and DLQ equal the oracle: " + check).isTrue();
                    }
                    assertThat(reader.regressions).as("statuses that moved back").isEmpty();
                    assertThat(vanished).as("orders that vanished from a read although they exist").isEmpty();
                    assertThat(reader.halfJoined).as("rows without the user or address they reference").isEmpty();
                    assertThat(workload.sendFailures.get()).as("events the producer could not deliver").isZero();
                    assertThat(workload.largestTransaction).as("largest transaction").isGreaterThan(500);
                    assertThat(reader.reads.get()).as("full reads of the read model").isGreaterThan(100);
                    assertThat(faults.restarts()).as("job restarts").isGreaterThanOrEqualTo(profile.faultsPerPhase() < 0 ? 0 : 1);

                    System.out.printf("FAULT workload: %d statements in %d transactions (largest %d, %d cut off by a"
                                    + " fault, %d run again), %d events, %d malformed%n", workload.statements,
                            workload.transactions, workload.largestTransaction, workload.transactionsCutOff,
                            workload.transactionsRunAgain, workload.validValues.size(), workload.malformedValues.size());
                    return String.join(" | ", profile.name(), Long.toString(seed), faults.counts.toString(),
                            Integer.toString(last.rows()), Integer.toString(last.lost()), Integer.toString(last.extra()),
                            Integer.toString(last.wrong()), Integer.toString(last.deadLetters()),
                            Integer.toString(last.dlqMissing()), Integer.toString(last.dlqWrong()),
                            Integer.toString(last.dlqDuplicates()),
                            reader.regressions.size() + " / " + vanished.size() + " / " + reader.halfJoined.size()
                                    + " (" + reader.reads.get() + ")",
                            Long.toString(faults.restarts()), String.format("%.1f s", convergedMillis / 1e3));
                }
            }
        }
    }

    private static void awaitFirstRows(LocalServers stack) {
        await("the snapshot's first rows").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try (Connection pg = stack.postgres().connectAsApi()) {
                        return LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details") > 0;
                    }
                });
    }

    /**
     * Workload stopped: a sentinel order and its event are written and awaited, then the read model must equal the
     * oracle (a few polls while the last changes land). Returns the last comparison.
     */
    private static SourcesOfTruth.Comparison validate(LocalServers stack, ShopWorkload workload, int phase)
            throws Exception {
        long sentinel = 9_000_000L + phase;
        String time = "2026-06-01 00:00:0" + phase + ".000";
        workload.execute("INSERT INTO orders (order_id, user_id, address_id, total, status, order_date, updated_at)"
                + " VALUES (" + sentinel + ", 1, NULL, 1.00, 'created', '" + time + "', '" + time + "')");
        String event = "{\"event_id\":\"sentinel-" + phase + "\",\"order_id\":" + sentinel + ",\"status\":\"delivered\","
                + "\"source\":\"fault-suite\",\"event_time\":\"2026-06-02T00:00:00.000Z\"}";
        workload.sendValid(Long.toString(sentinel), event, new RandomHistory.Event("sentinel-" + phase, sentinel,
                "delivered", java.time.LocalDateTime.parse("2026-06-02T00:00:00")));
        workload.flush();
        long start = System.nanoTime();
        await("sentinel " + sentinel + " delivered in the read model").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    try (Connection pg = stack.postgres().connectAsApi()) {
                        return LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details WHERE order_id = " + sentinel
                                + " AND order_status = 'delivered'") == 1;
                    }
                });
        double sentinelSeconds = (System.nanoTime() - start) / 1e9;
        AtomicReference<SourcesOfTruth.Comparison> last = new AtomicReference<>();
        try {
            await("read model equals the oracle at validation point " + phase).atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> {
                        last.set(SourcesOfTruth.compare(stack, workload));
                        return last.get().exact();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion on the comparison tells what differs
        }
        System.out.printf("FAULT validation point %d (sentinel after %.1f s, compared after %.1f s): %s%n", phase,
                sentinelSeconds, (System.nanoTime() - start) / 1e9, last.get());
        return last.get();
    }
}
