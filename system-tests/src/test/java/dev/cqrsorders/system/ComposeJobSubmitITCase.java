package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose's job submission (deploy/job-submit/submit.sh, which runs the Flink CLI as the Flink image does) on the
 * local session cluster: the script submits the real jar with {@code flink run --detached}, waits for RUNNING, and a
 * second run finds the job and submits nothing. The CLI here is Flink's {@code CliFrontend} on the cluster's own
 * classpath, behind a {@code flink} command like the image's.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class ComposeJobSubmitITCase {
    private static final String JOB_NAME = "compose job-submit: order_details";

    @Test
    void submitsTheJarWithTheFlinkCliAndNotTwice(LocalServers stack) throws Exception {
        LocalSystem.seedData(stack, "schema");
        LocalSystem.seedData(stack, "seed", "--users", "10", "--orders", "30", "--seed", "7");

        Result first = submit(stack);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("submitted job").contains("is RUNNING");
        String jobId = first.output().replaceAll("(?s).*submitted job ([0-9a-f]{32}).*", "$1");
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        try {
            assertThat(rest.get("/jobs/" + jobId).path("name").asText()).isEqualTo(JOB_NAME);
            try (Connection pg = stack.postgres().connectAsApi(); Connection mysql = stack.mariaDb().connectAsApp("shop");
                 java.sql.Statement s = mysql.createStatement()) {
                s.execute("INSERT INTO orders (order_id, user_id, address_id, total, status) VALUES (900101, 1, NULL, 1.00, 'created')");
                await("a new order written by the submitted job").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details WHERE order_id = 900101") == 1);
                // the delete must reach the read model before the job is cancelled: a row left behind would make
                // order_details disagree with MySQL for the next test on these servers
                s.execute("DELETE FROM orders WHERE order_id = 900101");
                await("the order's delete written by the submitted job").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details WHERE order_id = 900101") == 0);
            }

            Result second = submit(stack);
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(second.output()).contains("is already submitted (" + jobId + ", RUNNING): nothing to do");
        } finally {
            rest.cancel(jobId);
            rest.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
        }
    }

    record Result(int exitCode, String output) {}

    /**
     * supervise.sh, as the job-submit service runs it, across a JobManager crash: the cluster loses the job (no high
     * availability), the supervisor submits it again from its newest retained checkpoint, and the job carries on.
     */
    @Test
    void theSupervisorResubmitsFromTheNewestCheckpointAfterAJobManagerCrash(LocalServers stack) throws Exception {
        LocalSystem.seedData(stack, "schema");
        Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "flink-state");
        Map<String, String> env = environment(stack, "compose supervisor: order_details", "compose-supervisor-it",
                "--checkpoint-dir " + state.resolve("checkpoints").toUri());
        env.put("JOB_SAVEPOINT_PATH", "latest");
        env.put("FLINK_STATE_DIR", state.toString());
        env.put("JOB_CHECK_SECONDS", "2");
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        ChildProcess supervisor = ChildProcess.start("job-submit supervisor", List.of("sh",
                        Path.of("..", "deploy", "job-submit", "supervise.sh").toAbsolutePath().toString()),
                state, state.resolve("supervisor.log"), env);
        String jobId = null;
        try (Connection pg = stack.postgres().connectAsApi(); Connection mysql = stack.mariaDb().connectAsApp("shop");
             java.sql.Statement s = mysql.createStatement()) {
            String first = awaitRunning(rest, env.get("JOB_NAME"), null);
            await("a retained checkpoint").atMost(Duration.ofSeconds(60)).until(() ->
                    rest.get("/jobs/" + first + "/checkpoints").path("latest").path("completed").has("id"));
            s.execute("INSERT INTO orders (order_id, user_id, address_id, total, status) VALUES (900201, 1, NULL, 1.00, 'created')");
            awaitCount(pg, 900201, 1);

            stack.flink().killJobManager();
            stack.flink().startJobManager();
            jobId = awaitRunning(rest, env.get("JOB_NAME"), first);
            assertThat(rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored").path("external_path")
                    .asText()).as("restored from the crashed job's checkpoint").contains(first).contains("chk-");
            assertThat(Files.readString(state.resolve("supervisor.log")))
                    .contains("restoring the newest retained checkpoint or savepoint");

            s.execute("DELETE FROM orders WHERE order_id = 900201");
            awaitCount(pg, 900201, 0);
        } finally {
            supervisor.stop();
            if (jobId != null) {
                rest.cancel(jobId);
                rest.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
            }
        }
    }

    /** The RUNNING job of that name other than {@code previous}, once there is one. */
    private static String awaitRunning(FlinkRestClient rest, String name, String previous) {
        AtomicReference<String> running = new AtomicReference<>();
        await("job '" + name + "' RUNNING").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                if (name.equals(job.path("name").asText()) && "RUNNING".equals(job.path("state").asText())
                        && !job.path("jid").asText().equals(previous)) {
                    running.set(job.path("jid").asText());
                }
            }
            return running.get() != null;
        });
        return running.get();
    }

    private static void awaitCount(Connection pg, long orderId, long count) {
        await("order " + orderId + " in the read model: " + count).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details WHERE order_id = " + orderId) == count);
    }

    /** submit.sh with docker-compose's environment, pointed at the local servers. */
    private static Result submit(LocalServers stack) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh",
                Path.of("..", "deploy", "job-submit", "submit.sh").toAbsolutePath().toString()).redirectErrorStream(true);
        builder.environment().putAll(environment(stack, JOB_NAME, "compose-submit-it", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** docker-compose's job-submit environment, pointed at the local servers; a Kafka group and ids of its own. */
    private static Map<String, String> environment(LocalServers stack, String jobName, String id, String extraArgs)
            throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "job-submit");
        Path conf = Files.createDirectories(work.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), "rest.address: " + Ports.LOOPBACK + "\n");
        Path flink = work.resolve("flink");
        Files.writeString(flink, "#!/bin/sh\nexec '" + JavaCommand.javaBinary() + "' "
                + String.join(" ", FlinkCluster.JAVA_17_OPTS) + " -cp '" + JavaCommand.recordedClasspath("flink")
                + "' org.apache.flink.client.cli.CliFrontend \"$@\"\n");
        assertThat(flink.toFile().setExecutable(true)).isTrue();

        Credentials c = stack.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("FLINK", flink.toString());
        env.put("FLINK_CONF_DIR", conf.toString());
        env.put("FLINK_REST_URL", stack.flink().restUrl());
        env.put("JOB_JAR", LocalSystem.JOB_JAR.toString());
        env.put("JOB_ENTRY_CLASS", "dev.cqrsorders.job.OrderDetailsJob");
        env.put("JOB_NAME", jobName);
        env.put("JOB_PARALLELISM", "2");
        env.put("JOB_EXTRA_ARGS", "--checkpoint-interval 2s --kafka-group-id " + id
                + " --mysql-server-id 5400-5409 --dlq-transactional-id-prefix " + id + " " + extraArgs);
        env.put("MYSQL_HOST", Ports.LOOPBACK);
        env.put("MYSQL_PORT", Integer.toString(stack.mariaDb().port()));
        env.put("MYSQL_CDC_USER", c.mysqlCdcUser());
        env.put("MYSQL_CDC_PASSWORD", c.mysqlCdcPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
        env.put("POSTGRES_URL", stack.postgres().jdbcUrl());
        env.put("READMODEL_OWNER_USER", c.postgresOwner());
        env.put("READMODEL_OWNER_PASSWORD", c.postgresOwnerPassword());
        env.put("READMODEL_WRITER_USER", c.postgresWriter());
        env.put("READMODEL_WRITER_PASSWORD", c.postgresWriterPassword());
        return env;
    }
}
