package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Crashes and freezes the real processes the way production loses them, and proves that each fault happened and was
 * noticed: the job restarted, the server came back with a new PID, the frozen process was in state T. After a
 * JobManager crash (no high availability) it does what an operator would: starts it again and resubmits the job
 * from its latest retained checkpoint.
 */
final class FaultInjector {
    enum Kind {
        TASK_MANAGER_KILL, JOB_MANAGER_KILL, POSTGRES_IMMEDIATE_STOP, MARIADB_KILL, KAFKA_KILL, STALL
    }

    /** How long servers stay down and frozen. */
    record Durations(Duration maxRestartDelay, Duration minOutage, Duration maxOutage, Duration minStall,
                     Duration maxStall) {}

    private final LocalServers stack;
    private final FlinkRestClient rest;
    private final Random random;
    private final Durations durations;
    private final long startNanos = System.nanoTime();
    /** The job running now: a JobManager crash replaces it with a resubmitted one. */
    private String jobId;
    /** Counted before the JobManager that ran them crashed: the new one does not know those jobs. */
    private long restartsOfEarlierJobs;
    final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

    FaultInjector(LocalServers stack, String jobId, Random random, Durations durations) {
        this.stack = stack;
        this.rest = new FlinkRestClient(stack.flink().restUrl());
        this.random = random;
        this.durations = durations;
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /** Restarts of every job run so far (a JobManager crash starts a new one). */
    long restarts() {
        return restartsOfEarlierJobs + restartsOf(jobId());
    }

    private long restartsOf(String id) {
        return Math.max(0, rest.restarts(id));
    }

    Kind randomKind() {
        Kind[] kinds = Kind.values();
        return kinds[random.nextInt(kinds.length)];
    }

    void inject(Kind kind) throws Exception {
        long begin = System.nanoTime();
        String proof = switch (kind) {
            case TASK_MANAGER_KILL -> killTaskManager();
            case JOB_MANAGER_KILL -> killJobManager();
            case POSTGRES_IMMEDIATE_STOP -> crash(Server.POSTGRES, () -> stack.postgres().pid());
            case MARIADB_KILL -> crash(Server.MARIADB, () -> stack.mariaDb().pid());
            case KAFKA_KILL -> crash(Server.KAFKA, () -> stack.kafka().pid());
            case STALL -> stall();
        };
        counts.merge(kind, 1, Integer::sum);
        String line = String.format("t=%5.1f s  %-24s %5.1f s  %s", (begin - startNanos) / 1e9, kind,
                (System.nanoTime() - begin) / 1e9, proof);
        System.out.println("FAULT " + line);
    }

    private String killTaskManager() throws Exception {
        FlinkCluster flink = stack.flink();
        long before = restarts();
        long attempts = attempts();
        long pid = flink.taskManagerPid();
        flink.killTaskManager();
        Thread.sleep(millisBetween(Duration.ZERO, durations.maxRestartDelay()));
        flink.startTaskManager();
        // from the execution graph itself: the numRestarts metric reaches the REST API late after a crash
        await("the job's tasks run again, redeployed after the TaskManager crash").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> attempts() > attempts && allTasksRunning());
        return "TaskManager PID " + pid + " -> " + flink.taskManagerPid() + ", task attempts " + attempts + " -> "
                + attempts() + ", job restarts " + before + " -> " + restarts();
    }

    /** The attempt numbers of all the job's subtasks, summed: grows with every redeployment. */
    private long attempts() {
        long sum = 0;
        for (JsonNode vertex : rest.get("/jobs/" + jobId()).path("vertices")) {
            for (JsonNode subtask : rest.get("/jobs/" + jobId() + "/vertices/" + vertex.path("id").asText())
                    .path("subtasks")) {
                sum += subtask.path("attempt").asLong();
            }
        }
        return sum;
    }

    private boolean allTasksRunning() {
        JsonNode counts = rest.get("/jobs/" + jobId()).path("status-counts");
        return counts.path("RUNNING").asInt() > 0 && counts.path("RUNNING").asInt() == sumOf(counts);
    }

    private static int sumOf(JsonNode counts) {
        int sum = 0;
        for (JsonNode n : counts) {
            sum += n.asInt();
        }
        return sum;
    }

    private String killJobManager() throws Exception {
        FlinkCluster flink = stack.flink();
        String oldJob = jobId();
        long pid = flink.jobManagerPid();
        restartsOfEarlierJobs += restartsOf(oldJob);
        flink.killJobManager();
        Thread.sleep(millisBetween(Duration.ZERO, durations.maxRestartDelay()));
        flink.startJobManager();
        Path checkpoint = latestCheckpoint(flink, oldJob)
                .orElseThrow(() -> new IllegalStateException("job " + oldJob + " retained no checkpoint"));
        String newJob = LocalSystem.submitJob(stack, checkpoint.toUri().toString());
        jobId = newJob;
        JsonNode restored = rest.get("/jobs/" + newJob + "/checkpoints").path("latest").path("restored");
        if (restored.isMissingNode() || restored.isNull()) {
            throw new IllegalStateException("job " + newJob + " did not restore " + checkpoint);
        }
        return "JobManager PID " + pid + " -> " + flink.jobManagerPid() + ", job " + oldJob + " resubmitted as "
                + newJob + " from " + checkpoint.getFileName() + " (restored " + restored.path("external_path").asText()
                .replaceAll(".*/", "") + ")";
    }

    /** The retained checkpoint with the highest number: {@code <checkpoints>/<job id>/chk-N/_metadata}. */
    static Optional<Path> latestCheckpoint(FlinkCluster flink, String jobId) throws IOException {
        Path dir = flink.dir().resolve("checkpoints").resolve(jobId);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    private String crash(Server server, LongSupplier pid) throws Exception {
        long before = restarts();
        long oldPid = pid.getAsLong();
        stack.crash(server);
        long down = millisBetween(durations.minOutage(), durations.maxOutage());
        Thread.sleep(down);
        stack.startAgain(server);
        return server + " PID " + oldPid + " -> " + pid.getAsLong() + " after " + down + " ms down, job restarts "
                + before + " -> " + restarts();
    }

    private String stall() throws Exception {
        List<String> names = List.of("PostgreSQL", "MariaDB", "Kafka", "TaskManager", "JobManager");
        String name = names.get(random.nextInt(names.size()));
        long pid = switch (name) {
            case "PostgreSQL" -> stack.postgres().pid();
            case "MariaDB" -> stack.mariaDb().pid();
            case "Kafka" -> stack.kafka().pid();
            case "TaskManager" -> stack.flink().taskManagerPid();
            default -> stack.flink().jobManagerPid();
        };
        long millis = millisBetween(durations.minStall(), durations.maxStall());
        long before = restarts();
        ChildProcess.signal(pid, "STOP");
        String state;
        try {
            // the signal is delivered asynchronously: the state letter changes a moment later
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            do {
                state = processState(pid);
            } while (!"T".equals(state) && System.nanoTime() < deadline && sleepBriefly());
            Thread.sleep(millis);
        } finally {
            ChildProcess.signal(pid, "CONT");
        }
        if (!"T".equals(state)) {
            throw new IllegalStateException(name + " (PID " + pid + ") was not stopped: state " + state);
        }
        return name + " PID " + pid + " frozen (state " + state + ") for " + millis + " ms, job restarts " + before
                + " -> " + restarts();
    }

    private static boolean sleepBriefly() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    /** The state letter of /proc/PID/stat (R, S, T ...). */
    private static String processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private long millisBetween(Duration min, Duration max) {
        return min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
    }
}
