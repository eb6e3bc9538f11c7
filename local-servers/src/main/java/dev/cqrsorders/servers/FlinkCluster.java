package dev.cqrsorders.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Flink session cluster from Maven jars (flink-dist is not on Maven Central): a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}, with the web dashboard) and one or more TaskManagers, each in its own JVM,
 * started the way {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} do — memory options computed by
 * {@code BashJavaUtils} from the same configuration, the distribution's Java 17 module flags, every port on
 * 127.0.0.1.
 */
public final class FlinkCluster implements AutoCloseable {
    /** What {@code env.java.opts.all} holds in the Flink 1.20 distribution's config.yaml (needed on Java 17). */
    public static final List<String> JAVA_17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FlinkCluster.class);
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /**
     * Sizes of the cluster and further config.yaml entries; the defaults fit 2 cores and a few GiB beside the other
     * servers.
     */
    public record Options(int taskManagers, int taskSlots, String jobManagerProcessSize,
                          String taskManagerProcessSize, Map<String, String> extraConfig) {
        public Options {
            if (taskManagers < 1 || taskManagers > 8) {
                throw new IllegalArgumentException("a cluster has 1 to 8 TaskManagers, not " + taskManagers);
            }
        }

        public static Options defaults() {
            return new Options(1, 4, "1024m", "2048m", Map.of()).withRocksDbMemory("468m");
        }

        /**
         * RocksDB's memory as one budget for the whole TaskManager ({@code size}, taken out of the process as task
         * off-heap memory, in place of Flink's managed memory). By default Flink splits managed memory evenly over the
         * slots: the job at parallelism 2 on four slots (two left for the SQL client) then had half of it and
         * backfilled 1M orders at 4.2k instead of 7.6k orders/s, its state reads and compactions missing the cache
         * (docs/flink-job.md). A little managed memory stays for operators that need it (batch sorts and joins).
         */
        public Options withRocksDbMemory(String size) {
            return with("state.backend.rocksdb.memory.managed", "false")
                    .with("state.backend.rocksdb.memory.fixed-per-tm", size)
                    .with("taskmanager.memory.task.off-heap.size", size)
                    .with("taskmanager.memory.managed.size", "64m");
        }

        public Options withTaskManagers(int count) {
            return new Options(count, taskSlots, jobManagerProcessSize, taskManagerProcessSize, extraConfig);
        }

        /** The JVM options a config key such as {@code env.java.opts.taskmanager} adds, as Flink's scripts add them. */
        List<String> javaOptions(String key) {
            String value = extraConfig.getOrDefault(key, "").strip();
            return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        }

        /** One more config.yaml entry (a key the template does not set; metaspace sizes it may replace). */
        public Options with(String key, String value) {
            Map<String, String> extra = new java.util.LinkedHashMap<>(extraConfig);
            extra.put(key, value);
            return new Options(taskManagers, taskSlots, jobManagerProcessSize, taskManagerProcessSize, Map.copyOf(extra));
        }
    }

    private final int restPort;
    private final String metricsPorts;
    private final Path dir;
    private volatile ChildProcess jobManager;
    private volatile List<ChildProcess> taskManagers;

    private FlinkCluster(int restPort, String metricsPorts, Path dir, ChildProcess jobManager,
                         List<ChildProcess> taskManagers) {
        this.restPort = restPort;
        this.metricsPorts = metricsPorts;
        this.dir = dir;
        this.jobManager = jobManager;
        this.taskManagers = taskManagers;
    }

    /**
     * Starts the cluster: the dashboard and REST API on {@code restPort}, Prometheus metrics on
     * {@code metricsPort} and the next ports, one per process (0: free ones).
     */
    public static FlinkCluster start(int restPort, int metricsPort, Path dir, Options options) {
        Ports.requireFree(restPort, "the Flink REST API and dashboard");
        // every port is picked free just before the JVMs bind it; if another process takes one meanwhile, the
        // JobManager or TaskManager exits at once and a new attempt picks new ports
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return attempt(restPort, metricsPort, dir, options);
            } catch (IllegalStateException e) {
                failure = e;
                LOG.warn("Flink cluster attempt {} failed: {}", attempt, e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw failure;
    }

    private static FlinkCluster attempt(int restPort, int metricsPort, Path dir, Options options) {
        // no two of the ports picked here may overlap: a JVM that finds its port taken by another one exits
        Set<Integer> taken = new HashSet<>(List.of(restPort));
        String metricsPorts = metricsPort == 0 ? portRange(options.taskManagers() + 1, taken)
                : reserve(metricsPort, options.taskManagers() + 1, taken);
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path log = Files.createDirectories(dir.resolve("log"));
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("web-upload"));
            Files.createDirectories(dir.resolve("plugins"));
            Files.writeString(conf.resolve("config.yaml"), config(restPort, metricsPorts, dir, options, taken));
            // this cluster's logging, then the warnings the Flink image drops as well (deploy/flink)
            try (InputStream log4j = FlinkCluster.class.getResourceAsStream("flink-log4j.properties");
                 InputStream knownWarnings = FlinkCluster.class.getResourceAsStream(
                         "/deploy/flink/log4j-known-warnings.properties")) {
                Files.writeString(conf.resolve("log4j.properties"), new String(log4j.readAllBytes(), StandardCharsets.UTF_8)
                        + new String(knownWarnings.readAllBytes(), StandardCharsets.UTF_8));
            }
            String classpath = JavaCommand.recordedClasspath("flink");
            Map<String, String> env = Map.of("FLINK_CONF_DIR", conf.toString(),
                    "FLINK_PLUGINS_DIR", dir.resolve("plugins").toString(), "FLINK_LOG_DIR", log.toString());

            ResourceParams jmParams = resourceParams(classpath, dir, "GET_JM_RESOURCE_PARAMS", env);
            ResourceParams tmParams = resourceParams(classpath, dir, "GET_TM_RESOURCE_PARAMS", env);

            ChildProcess jobManager = ChildProcess.start("flink-jobmanager",
                    JavaCommand.of(classpath, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint")
                            .jvm(jmParams.jvmOptions()).jvm(commonJvmOptions(conf, tmp, log.resolve("jobmanager.log")))
                            .jvm(options.javaOptions("env.java.opts.jobmanager"))
                            .args("--configDir", conf.toString()).args(jmParams.dynamicProperties())
                            .build(), dir, log.resolve("jobmanager.out"), env);
            List<ChildProcess> taskManagers = new ArrayList<>();
            for (int i = 1; i <= options.taskManagers(); i++) {
                String name = i == 1 ? "taskmanager" : "taskmanager-" + i;
                taskManagers.add(ChildProcess.start("flink-" + name,
                        JavaCommand.of(classpath, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner")
                                .jvm(tmParams.jvmOptions()).jvm(commonJvmOptions(conf, tmp, log.resolve(name + ".log")))
                                .jvm(options.javaOptions("env.java.opts.taskmanager"))
                                .args("--configDir", conf.toString()).args(tmParams.dynamicProperties())
                                .build(), dir, log.resolve(name + ".out"), env));
            }
            FlinkCluster cluster = new FlinkCluster(restPort, metricsPorts, dir, jobManager, List.copyOf(taskManagers));
            cluster.awaitTaskManagers(Duration.ofSeconds(120));
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> commonJvmOptions(Path conf, Path tmp, Path logFile) {
        List<String> options = new ArrayList<>(JAVA_17_OPTS);
        options.addAll(List.of("-XX:+IgnoreUnrecognizedVMOptions",
                // a killed Flink JVM leaves its unpacked RPC jar in java.io.tmpdir: keep it in the work dir
                "-Djava.io.tmpdir=" + tmp,
                "-Dlog.file=" + logFile,
                "-Dlog4j.configuration=file:" + conf.resolve("log4j.properties"),
                "-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties")));
        return options;
    }

    private static String config(int restPort, String metricsPorts, Path dir, Options options, Set<Integer> taken) {
        return """
                # written by local-servers: every address is loopback, every port fixed or a small range picked free
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %1$d
                jobmanager.bind-host: 127.0.0.1
                jobmanager.memory.process.size: %2$s
                jobmanager.execution.failover-strategy: region
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.rpc.port: %3$s
                # any free port, one per TaskManager
                taskmanager.data.port: %4$d
                taskmanager.memory.process.size: %5$s
                taskmanager.numberOfTaskSlots: %6$d
                parallelism.default: 1
                # the TaskManager starts beside the JobManager; retry soon instead of after the default 10 s
                cluster.registration.error-delay: 1 s
                cluster.registration.refused-registration-delay: 1 s
                blob.server.port: %7$s
                metrics.internal.query-service.port: %8$s
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %9$d
                web.submit.enable: true
                web.cancel.enable: true
                # the dashboard's profiling, sampled only on request: operators' flame graphs, and async-profiler
                # (bundled with Flink) on the JobManager and each TaskManager
                rest.flamegraph.enabled: true
                rest.profiling.enabled: true
                web.upload.dir: %10$s
                web.tmpdir: %11$s
                io.tmp.dirs: %11$s
                env.log.dir: %12$s
                execution.checkpointing.dir: file://%13$s
                execution.checkpointing.savepoint-dir: file://%14$s
                # Prometheus: every process on the first free port of the range (Flink's own reporter binds all interfaces)
                metrics.reporter.prom.factory.class: dev.cqrsorders.servers.flink.LoopbackPrometheusReporterFactory
                metrics.reporter.prom.host: 127.0.0.1
                metrics.reporter.prom.port: %15$s
                """.formatted(Integer.parseInt(portRange(1, taken).split("-")[0]), options.jobManagerProcessSize(),
                portRange(10, taken), 0, options.taskManagerProcessSize(), options.taskSlots(), portRange(10, taken),
                portRange(10, taken), restPort,
                dir.resolve("web-upload"), dir.resolve("tmp"), dir.resolve("log"),
                dir.resolve("checkpoints"), dir.resolve("savepoints"), metricsPorts)
                + entries(options.extraConfig());
    }

    /**
     * Defaults an Options' extra config may replace: every submission of the job jar loads its classes again (and the
     * CDC and Kafka clients leave some behind), and a session cluster that runs many jobs, as the tests do, ran out
     * of Flink's 256 MB of metaspace.
     */
    private static final Map<String, String> REPLACEABLE_DEFAULTS = Map.of(
            "taskmanager.memory.jvm-metaspace.size", "512m",
            "jobmanager.memory.jvm-metaspace.size", "384m");

    private static String entries(Map<String, String> extra) {
        Map<String, String> all = new java.util.TreeMap<>(REPLACEABLE_DEFAULTS);
        all.putAll(extra);
        return all.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n")
                .collect(java.util.stream.Collectors.joining());
    }

    /** "first-last" for {@code size} ports from {@code first}, which the other picks then avoid. */
    private static String reserve(int first, int size, Set<Integer> taken) {
        for (int port = first; port < first + size; port++) {
            taken.add(port);
            Ports.claim(port); // the first was claimed by Ports.free
        }
        return first + "-" + (first + size - 1);
    }

    /**
     * "from-to": {@code size} neighbouring ports that are free now and none of them {@code taken} (they are added to
     * it); the JVM binds the first it can.
     */
    private static String portRange(int size, Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = Ports.free();
            if (base + size > 65535) {
                continue;
            }
            boolean allFree = !taken.contains(base);
            for (int port = base + 1; port < base + size && allFree; port++) {
                allFree = !taken.contains(port) && !Ports.isHandedOut(port) && !Ports.isOpen(port);
            }
            if (allFree) {
                return reserve(base, size, taken);
            }
        }
        throw new IllegalStateException("no " + size + " neighbouring free ports");
    }

    private record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}

    /** Runs BashJavaUtils like bin/config.sh does and returns its last two result lines. */
    private static ResourceParams resourceParams(String classpath, Path dir, String command, Map<String, String> env)
            throws IOException {
        Path out = dir.resolve("log").resolve(command.toLowerCase() + ".out");
        Files.deleteIfExists(out);
        ChildProcess.start("flink-" + command, JavaCommand.of(classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils")
                .jvm("-Xmx128m", "-Dlog4j2.level=WARN", "-Djava.io.tmpdir=" + dir.resolve("tmp"))
                .args(command, "--configDir", dir.resolve("conf").toString()).build(), dir, out, env)
                .awaitSuccess(60);
        List<String> results = Files.readAllLines(out).stream()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> line.substring(RESULT_PREFIX.length()).trim())
                .toList();
        if (results.size() < 2) {
            throw new IllegalStateException(command + " printed no resource parameters; see " + out);
        }
        List<String> jvm = Arrays.asList(results.get(results.size() - 2).split("\\s+"));
        List<String> dynamic = Arrays.asList(results.get(results.size() - 1).split("\\s+"));
        return new ResourceParams(jvm, dynamic);
    }

    /** Returns once every TaskManager has registered with the JobManager. */
    private void awaitTaskManagers(Duration timeout) {
        List<ChildProcess> processes = new ArrayList<>(taskManagers);
        processes.add(jobManager);
        FlinkRestClient rest = new FlinkRestClient(restUrl());
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ChildProcess process : processes) {
                if (!process.isAlive()) {
                    close();
                    throw new IllegalStateException(process.name() + " exited with code " + process.exitCode()
                            + "; see " + process.logFile() + ":\n" + process.tail());
                }
            }
            try {
                if (rest.get("/overview").path("taskmanagers").asInt() >= taskManagers.size()) {
                    return;
                }
            } catch (UncheckedIOException | IllegalStateException notYet) {
                // the REST endpoint is not up yet, or not ready to answer
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("no TaskManager registered after " + timeout + "; see " + dir.resolve("log"));
            }
            Ports.sleep(100);
        }
    }

    public int restPort() {
        return restPort;
    }

    public String restUrl() {
        return "http://" + Ports.LOOPBACK + ":" + restPort;
    }

    /** The Prometheus endpoints the JobManager and TaskManagers may listen on (each on one of them). */
    public List<String> metricsUrls() {
        String[] range = metricsPorts.split("-");
        List<String> urls = new ArrayList<>();
        for (int port = Integer.parseInt(range[0]); port <= Integer.parseInt(range[1]); port++) {
            urls.add("http://" + Ports.LOOPBACK + ":" + port + "/metrics");
        }
        return urls;
    }

    public Path dir() {
        return dir;
    }

    public Path confDir() {
        return dir.resolve("conf");
    }

    public List<Long> pids() {
        List<Long> pids = new ArrayList<>(List.of(jobManager.pid()));
        taskManagers.forEach(taskManager -> pids.add(taskManager.pid()));
        return pids;
    }

    public long jobManagerPid() {
        return jobManager.pid();
    }

    /** The first TaskManager's process. */
    public long taskManagerPid() {
        return taskManagers.get(0).pid();
    }

    /** {@code kill -9} of the first TaskManager's JVM, as a crashed machine or an OOM killer would. */
    public synchronized void killTaskManager() {
        taskManagers.get(0).kill();
    }

    /** The first TaskManager's JVM again, as a supervisor would start it; returns once all are registered. */
    public synchronized void startTaskManager() {
        List<ChildProcess> restarted = new ArrayList<>(taskManagers);
        restarted.set(0, restarted.get(0).startAgain());
        taskManagers = List.copyOf(restarted);
        awaitTaskManagers(Duration.ofSeconds(120));
    }

    /**
     * {@code kill -9} of the JobManager JVM. Without high availability its jobs are gone with it: an operator
     * starts it again ({@link #startJobManager()}) and resubmits the job from its latest retained checkpoint.
     */
    public synchronized void killJobManager() {
        jobManager.kill();
    }

    /** The JobManager started again on the same ports; returns once the TaskManager has registered with it. */
    public synchronized void startJobManager() {
        jobManager = jobManager.startAgain();
        awaitTaskManagers(Duration.ofSeconds(120));
    }

    @Override
    public void close() {
        taskManagers.forEach(ChildProcess::stop);
        jobManager.stop();
    }
}
