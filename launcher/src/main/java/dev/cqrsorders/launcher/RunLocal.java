package dev.cqrsorders.launcher;

import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.CommandMain;
import dev.cqrsorders.servers.ConnectionDetails;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WorkDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole system on this machine, as {@code ./run-local.sh} starts it: MariaDB, Kafka, PostgreSQL and a Flink
 * session cluster with its dashboard; the shop schema; the job jar submitted through the REST API exactly as the
 * dashboard does; serving-api; demo data and a gentle event generator (unless {@code --empty}). Runs until Ctrl-C
 * or SIGTERM, then stops everything it started.
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Starts the whole cqrs-orders system locally on real servers, until Ctrl-C.")
public final class RunLocal implements Callable<Integer> {
    @Option(names = "--empty", description = "Schemas only: no demo data and no event generator.")
    boolean empty;

    @Option(names = "--work-dir", defaultValue = ".local-servers",
            description = "Data and logs (default: ${DEFAULT-VALUE}); wiped at start unless --resume.")
    Path workDir;

    @Option(names = "--resume", description = "Keep the previous run's data (MySQL, Kafka, PostgreSQL, Flink's "
            + "savepoints and checkpoints) and resume the job from its newest savepoint or retained checkpoint; "
            + "no new demo data.")
    boolean resume;

    @Option(names = "--job-jar", required = true, description = "The shaded Flink job jar.")
    Path jobJar;

    @Option(names = "--api-jar", required = true, description = "The serving-api jar.")
    Path apiJar;

    @Option(names = "--seed-jar", required = true, description = "The seed-data jar.")
    Path seedJar;

    @Option(names = "--task-managers", defaultValue = "${env:FLINK_TASK_MANAGERS:-1}",
            description = "Flink TaskManagers (4 slots each; env FLINK_TASK_MANAGERS; default: ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(names = "--users", defaultValue = "200", description = "Demo users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--orders", defaultValue = "2000", description = "Demo orders (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--event-rate", defaultValue = "5", description = "Demo events per second (default: ${DEFAULT-VALUE}).")
    int eventRate;

    private final List<ChildProcess> children = new ArrayList<>();
    private LocalServers stack;
    private FlinkRestClient flink;
    private volatile String jobId;

    @Override
    public Integer call() throws Exception {
        // from the command (./run-local.sh passes when it started), else from here
        String startedMs = System.getenv("RUN_LOCAL_STARTED_MS");
        Instant begin = startedMs != null && startedMs.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(startedMs))
                : Instant.now();
        jobJar = existing(jobJar);
        apiJar = existing(apiJar);
        seedJar = existing(seedJar);
        Map<String, String> env = System.getenv();
        LocalServers.ServerPorts ports = LocalServers.ServerPorts.fromEnvironment(env);
        int apiPort = apiPort(env);
        // fail fast, before anything starts, when a port is taken
        Ports.requireFree(ports.mysql(), "MariaDB (MYSQL_PORT)");
        Ports.requireFree(ports.kafka(), "Kafka (KAFKA_PORT)");
        Ports.requireFree(ports.postgres(), "PostgreSQL (POSTGRES_PORT)");
        Ports.requireFree(ports.flinkRest(), "the Flink dashboard (FLINK_REST_PORT)");
        for (int i = 0; i <= taskManagers; i++) {
            Ports.requireFree(ports.flinkMetrics() + i, "Flink's Prometheus reporter (FLINK_METRICS_PORT + " + i + ")");
        }
        Ports.requireFree(apiPort, "serving-api (API_PORT)");

        if (!resume) {
            WorkDir.wipe(workDir);
        }
        Credentials credentials = Credentials.fromEnvironment();
        stack = new LocalServers(workDir, ports, credentials, FlinkCluster.Options.defaults().withTaskManagers(taskManagers))
                .withMySqlTls();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            step("stopping everything run-local started ...");
            stopAll();
            stopped.countDown();
        }, "run-local-stop"));

        step("[1/6] starting MariaDB, Kafka, PostgreSQL and the Flink cluster ...");
        stack.ensure(Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK);
        System.out.print(ConnectionDetails.describe(stack));

        step("[2/6] creating the shop schema (seed-data schema) ...");
        Map<String, String> clientEnv = ProductWiring.seedDataEnvironment(stack);
        runSeedData(clientEnv, "schema");

        step("[3/6] submitting the job jar through the Flink REST API (as the dashboard does) ...");
        flink = new FlinkRestClient(stack.flink().restUrl());
        String state = resume ? newestJobState(stack.flink().dir()) : null;
        if (resume) {
            System.out.println(state == null ? "  no savepoint or retained checkpoint: starting without state"
                    : "  restoring " + state);
        }
        String jarId = flink.uploadJar(jobJar);
        String started = flink.runJar(jarId, ProductWiring.JOB_CLASS, 2,
                ProductWiring.jobArguments(stack, Duration.ofSeconds(5)), state);
        flink.awaitJobState(started, "RUNNING", Duration.ofSeconds(120));
        jobId = started;
        System.out.println("  job " + jobId + " RUNNING");

        step("[4/6] starting serving-api ...");
        startApi(apiPort);

        if (empty) {
            step("[5/6] --empty: no demo data");
            step("[6/6] --empty: no event generator");
        } else {
            if (resume) {
                step("[5/6] --resume: the demo data of the previous run");
            } else {
                step("[5/6] seeding demo data (" + users + " users, " + orders + " orders) ...");
                runSeedData(clientEnv, "seed", "--users", Integer.toString(users), "--orders", Integer.toString(orders));
            }
            step("[6/6] starting the event generator (" + eventRate + " events/s) ...");
            children.add(ChildProcess.start("event-generator", seedDataCommand("events", "--rate",
                    Integer.toString(eventRate), "--out-of-order", "0.05", "--duplicates", "0.02", "--malformed", "0.01"),
                    workDir, workDir.resolve("logs/event-generator.log"), clientEnv));
        }

        SystemEndpoints.of(stack, jobJar).write(workDir);
        System.out.printf("%nready in %.1f s%n%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        System.out.print(urls(apiPort, ports));
        System.out.println("running; Ctrl-C stops every process run-local started");
        stopped.await();
        return 0;
    }

    private List<String> seedDataCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-Xmx512m", "-jar", seedJar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void runSeedData(Map<String, String> env, String... args) throws Exception {
        Path log = workDir.resolve("logs/seed-data-" + args[0] + ".log");
        ChildProcess.start("seed-data " + args[0], seedDataCommand(args), workDir, log, env).awaitSuccess(1800);
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("\r") && !line.isBlank()) {
                System.out.println("  " + line);
            }
        }
    }

    private void startApi(int apiPort) {
        ChildProcess api = ChildProcess.start("serving-api", List.of(JavaCommand.javaBinary(), "-Xmx256m", "-jar",
                apiJar.toString()), workDir, workDir.resolve("logs/serving-api.log"),
                ProductWiring.servingApiEnvironment(stack, apiPort));
        children.add(api);
        awaitHealthy("http://" + Ports.LOOPBACK + ":" + apiPort + "/health", api, Duration.ofSeconds(90));
    }

    private static void awaitHealthy(String url, ChildProcess process, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + process.logFile());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Ports.sleep(200);
        }
        throw new IllegalStateException(url + " not healthy after " + timeout + "; see " + process.logFile());
    }

    private String urls(int apiPort, LocalServers.ServerPorts ports) {
        String api = "http://" + Ports.LOOPBACK + ":" + apiPort;
        return String.join(System.lineSeparator(),
                "  Flink dashboard  " + stack.flink().restUrl() + "/",
                "  API              curl -s " + api + "/order_details/1",
                "                   curl -s '" + api + "/order_details?status=delivered&limit=5'",
                "                   curl -sN " + api + "/order_details/stream     " + api + "/freshness",
                "  Live board       " + api + "/board/",
                "                   " + api + "/swagger-ui/   " + api + "/health   " + api + "/prometheus",
                "  SQL client       ./sql-client.sh            (or ./sql-client.sh -f sql/examples/01-orders-by-status.sql)",
                "  MySQL            mysql -h 127.0.0.1 -P " + stack.mariaDb().port() + " -u "
                        + stack.credentials().mysqlAppUser() + " -p" + stack.credentials().mysqlAppPassword() + " shop",
                "  Kafka            bootstrap " + stack.kafka().bootstrapServers() + ", topics order_updates, order_updates_dlq",
                "  PostgreSQL       psql postgresql://" + stack.credentials().postgresApiUser() + ":"
                        + stack.credentials().postgresApiPassword() + "@127.0.0.1:" + stack.postgres().port() + "/readmodel",
                "  logs             " + workDir.toAbsolutePath() + "/{logs,flink/log,kafka/logs}",
                "") + System.lineSeparator();
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build with 'mvn -B -DskipTests package'");
        }
        return jar.toAbsolutePath();
    }

    private static int apiPort(Map<String, String> env) {
        String value = env.getOrDefault("API_PORT", "8080").trim();
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("API_PORT must be a port number (1-65535), not '" + value + "'");
        }
    }

    private synchronized void stopAll() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop();
        }
        children.clear();
        stopJobWithSavepoint();
        if (stack != null) {
            stack.close();
        }
    }

    /** For the next {@code --resume}; without a savepoint, the newest earlier savepoint or retained checkpoint serves. */
    private void stopJobWithSavepoint() {
        if (jobId == null) {
            return;
        }
        try {
            String state = flink.jobState(jobId);
            if ("RUNNING".equals(state)) {
                step("  savepoint " + flink.stopWithSavepoint(jobId, Duration.ofSeconds(60)));
            } else { // stopped, cancelled or failed outside run-local (the dashboard, the CLI)
                noSavepoint("the job is " + state);
            }
        } catch (RuntimeException e) {
            noSavepoint(e.getMessage());
        }
        jobId = null;
    }

    private void noSavepoint(String why) {
        step("  no savepoint (" + why + "); --resume uses the newest savepoint or retained checkpoint");
    }

    /** The newest savepoint or retained checkpoint (a directory with {@code _metadata}) under the cluster's dir. */
    static String newestJobState(Path flinkDir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String pattern : List.of("savepoints/*/_metadata", "checkpoints/*/chk-*/_metadata")) {
            PathMatcher matcher = flinkDir.getFileSystem().getPathMatcher("glob:" + flinkDir.resolve(pattern));
            if (Files.isDirectory(flinkDir)) {
                try (Stream<Path> files = Files.walk(flinkDir, 4)) {
                    files.filter(matcher::matches).forEach(candidates::add);
                }
            }
        }
        Path newest = null;
        for (Path metadata : candidates) {
            if (newest == null || Files.getLastModifiedTime(metadata).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                newest = metadata;
            }
        }
        return newest == null ? null : newest.getParent().toUri().toString();
    }

    private static void step(String message) {
        System.out.println(message);
    }

    public static void main(String[] args) {
        CommandMain.run(new RunLocal(), args);
    }
}
