package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.FlinkCluster;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WorkDir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Passwords chosen at run time (the CDC user's, the job's PostgreSQL roles') reach the job as program arguments, as
 * docker-compose and ./run-local.sh pass them, yet appear in no Flink log, no uploaded jar and no answer of the Flink
 * REST API a dashboard user can read (job, plan, config, checkpoints, the cluster's configuration and logs).
 */
class SecretsITCase {

    @Test
    void runTimePasswordsAppearInNoLogJarOrRestAnswer() throws Exception {
        Map<String, String> secrets = Map.of(
                "MYSQL_CDC_PASSWORD", "cdc-" + UUID.randomUUID(),
                "POSTGRES_PASSWORD", "owner-" + UUID.randomUUID(),
                "POSTGRES_WRITER_PASSWORD", "writer-" + UUID.randomUUID());
        Path work = Path.of("target", "secrets").toAbsolutePath();
        WorkDir.wipe(work);
        try (LocalServers stack = new LocalServers(work, LocalServers.ServerPorts.free(), Credentials.fromEnvironment(secrets),
                FlinkCluster.Options.defaults())) {
            stack.ensure(Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK);
            LocalSystem.seedData(stack, "schema");
            LocalSystem.seedData(stack, "seed", "--users", "5", "--orders", "20", "--seed", "1");
            String jobId = LocalSystem.submitJob(stack);
            try (Connection pg = stack.postgres().connectAsApi()) {
                await("the job wrote with those passwords").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details") == 20);
            }

            FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
            List<String> answers = new ArrayList<>();
            for (String path : List.of("/jobs/" + jobId, "/jobs/" + jobId + "/config", "/jobs/" + jobId + "/plan",
                    "/jobs/" + jobId + "/checkpoints/config", "/jobs/" + jobId + "/exceptions", "/jars",
                    "/jobmanager/config", "/jobmanager/environment", "/jobmanager/logs", "/taskmanagers",
                    "/config", "/overview")) {
                answers.add(path + " " + rest.get(path));
            }
            for (JsonNode tm : rest.get("/taskmanagers").path("taskmanagers")) {
                answers.add("/taskmanagers/" + tm.path("id").asText() + " "
                        + rest.get("/taskmanagers/" + tm.path("id").asText()));
            }
            for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
                answers.add("vertex " + rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()));
            }
            List<Path> files = new ArrayList<>();
            for (String dir : List.of("log", "web-upload")) {
                try (Stream<Path> walk = Files.walk(stack.flink().dir().resolve(dir))) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
            System.out.printf("secrets: %d REST answers and %d files (logs, the uploaded jar) searched for %d run-time"
                    + " passwords%n", answers.size(), files.size(), secrets.size());
            assertThat(files).as("the logs and the uploaded jar").isNotEmpty();
            for (String secret : secrets.values()) {
                assertThat(answers).as("REST answers").noneMatch(answer -> answer.contains(secret));
                for (Path file : files) {
                    assertThat(contains(file, secret)).as(file + " holds " + secret).isFalse();
                }
            }
            rest.cancel(jobId);
        }
    }

    private static boolean contains(Path file, String secret) throws IOException {
        // a jar's entries are compressed: search what each one holds
        if (file.toString().endsWith(".jar")) {
            try (var jar = new java.util.zip.ZipFile(file.toFile())) {
                var entries = jar.entries();
                while (entries.hasMoreElements()) {
                    var entry = entries.nextElement();
                    try (var in = jar.getInputStream(entry)) {
                        if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret);
    }
}
