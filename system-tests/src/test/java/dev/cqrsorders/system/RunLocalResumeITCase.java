package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.WorkDir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run-local.sh --resume}: stopping run-local takes a savepoint of the job; the next run with {@code --resume}
 * keeps the data of every server and restores the job from that savepoint, so the read model carries on. A job
 * already stopped from outside gets no second savepoint, and run-local says why in a line.
 */
class RunLocalResumeITCase {
    private static final Path API_JAR = Path.of("..", "serving-api", "target", "serving-api-0.1.0-SNAPSHOT.jar")
            .toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "launcher", "target").toAbsolutePath();

    @Test
    void aResumedRunRestoresTheJobFromTheSavepointOfTheStoppedOne() throws Exception {
        Path work = Path.of("target", "run-local-resume").toAbsolutePath();
        WorkDir.wipe(work);
        Map<String, String> env = freePorts();
        Credentials credentials = Credentials.fromEnvironment(env);

        ChildProcess first = runLocal(work, env, "first", "--empty");
        insertOrder(env, credentials, 1);
        awaitOrderDetails(env, credentials, 1);
        stop(first);
        assertThat(Files.readString(first.logFile())).contains("  savepoint file:")
                .as("the launcher's classpath has a log binding").doesNotContain("No SLF4J providers");

        ChildProcess second = runLocal(work, env, "second", "--empty", "--resume");
        try {
            assertThat(Files.readString(second.logFile())).contains("  restoring file:").contains("/savepoints/");
            FlinkRestClient rest = new FlinkRestClient("http://127.0.0.1:" + env.get("FLINK_REST_PORT"));
            String jobId = null;
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                if ("RUNNING".equals(job.path("state").asText())) {
                    jobId = job.path("jid").asText();
                }
            }
            assertThat(rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored")
                    .path("external_path").asText()).as("the job restored a savepoint").contains("savepoint");
            insertOrder(env, credentials, 2);
            awaitOrderDetails(env, credentials, 2);

            // stopped from outside first (the dashboard, the CLI): run-local then says so in one line
            rest.stopWithSavepoint(jobId, Duration.ofSeconds(60));
            stop(second);
            assertThat(Files.readString(second.logFile()))
                    .contains("  no savepoint (the job is FINISHED); --resume uses the newest savepoint")
                    .doesNotContain("stack-trace")
                    // the job's CDC connections, cut as the job stopped, are a MariaDB warning, not an error on the console
                    .doesNotContain("ERROR ManagedProcess");
        } finally {
            stop(second);
        }
    }

    /** The contract's port variables, each set to a free port (the Prometheus reporter takes two in a row). */
    private static Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("MYSQL_PORT", "KAFKA_PORT", "POSTGRES_PORT", "FLINK_REST_PORT", "API_PORT")) {
            env.put(name, Integer.toString(Ports.free()));
        }
        int metrics = Ports.free();
        while (Ports.isOpen(metrics + 1)) {
            metrics = Ports.free();
        }
        env.put("FLINK_METRICS_PORT", Integer.toString(metrics));
        return env;
    }

    /** The launcher as ./run-local.sh starts it; returns once it printed "ready". */
    private static ChildProcess runLocal(Path work, Map<String, String> env, String name, String... args)
            throws Exception {
        String classpath = LAUNCHER.resolve("classes") + ":" + Files.readString(LAUNCHER.resolve("launcher.classpath")).trim();
        JavaCommand command = JavaCommand.of(classpath, "dev.cqrsorders.launcher.RunLocal")
                .jvm("-Xmx512m").args("--work-dir", work.toString(), "--job-jar", LocalSystem.JOB_JAR.toString(),
                        "--api-jar", API_JAR.toString(), "--seed-jar", LocalSystem.SEED_JAR.toString()).args(args);
        Path log = work.getParent().resolve("run-local-resume-" + name + ".log");
        Files.deleteIfExists(log);
        ChildProcess process = ChildProcess.start("run-local " + name, command.build(), work.getParent(), log, env);
        await("run-local " + name + " ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(process.isAlive()).as("run-local running; see " + log).isTrue();
                    return Files.readString(log).contains("\nready in ");
                });
        return process;
    }

    /** SIGTERM to run-local alone ({@code kill <pid>}): it stops the job with a savepoint, then every server. */
    private static void stop(ChildProcess process) {
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("run-local did not stop; see " + process.logFile(), e);
            }
        });
    }

    private static void insertOrder(Map<String, String> env, Credentials c, long orderId) throws Exception {
        try (Connection mysql = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + env.get("MYSQL_PORT") + "/"
                + c.mysqlDatabase(), c.mysqlAppUser(), c.mysqlAppPassword()); Statement s = mysql.createStatement()) {
            s.execute("INSERT INTO orders (order_id, user_id, address_id, total, status) VALUES (" + orderId
                    + ", 1, NULL, 1.00, 'created')");
            s.execute("INSERT INTO order_items (order_id, product_name, quantity, price) VALUES (" + orderId
                    + ", 'tea', 1, 1.00)");
        }
    }

    private static void awaitOrderDetails(Map<String, String> env, Credentials c, long count) throws Exception {
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("POSTGRES_PORT")
                + "/readmodel", c.postgresApiUser(), c.postgresApiPassword())) {
            await("order_details holds " + count + " orders").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details") == count);
        }
    }
}
