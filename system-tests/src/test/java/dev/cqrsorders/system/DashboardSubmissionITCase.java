package dev.cqrsorders.system;

import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real shaded job jar on the local session cluster, submitted exactly as the Flink dashboard does
 * (POST /jars/upload, POST /jars/{id}/run with the dashboard's body): RUNNING, rows in PostgreSQL, its profiling
 * (flame graphs, async-profiler) available, its TaskManager's log free of known noise, cancelled.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class DashboardSubmissionITCase {

    @Test
    void dashboardIsServed(LocalServers stack) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.flink().restUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<flink-root>").contains("Apache Flink Web Dashboard");
    }

    @Test
    void jobJarSubmittedLikeTheDashboardRunsWritesThePostgresReadModelAndCancels(LocalServers stack) throws Exception {
        long orders = LocalSystem.seedShop(stack, 10, 50, 1);

        String jobId = LocalSystem.submitJob(stack);
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        assertThat(rest.get("/jobs/" + jobId).path("name").asText()).isEqualTo("cqrs-orders: order_details read model");

        try (Connection pg = stack.postgres().connectAsApi()) {
            await("snapshot in PostgreSQL").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details") == orders);
        }
        try (Connection mysql = stack.mariaDb().connectAsApp("shop"); Statement s = mysql.createStatement()) {
            s.execute("INSERT INTO orders (order_id, user_id, address_id, total, status) VALUES (900001, 1, NULL, 1.00, 'created')");
        }
        try (Connection pg = stack.postgres().connectAsApi()) {
            await("live insert in PostgreSQL").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> LocalSystem.count(pg, "SELECT COUNT(*) FROM order_details WHERE order_id = 900001") == 1);
        }
        assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");

        // the dashboard's profiling: an operator's flame graph, async-profiler on a TaskManager
        String flameGraph = "/jobs/" + jobId + "/vertices/" + rest.vertexId(jobId, "assemble order_details")
                + "/flamegraph?type=full";
        await("a flame graph of assemble order_details").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rest.get(flameGraph).path("data").path("value").asInt() > 0);
        String profiler = "/taskmanagers/" + rest.get("/taskmanagers").path("taskmanagers").path(0).path("id").asText()
                + "/profiler";
        rest.post(profiler, Map.of("mode", "ITIMER", "duration", 1));
        await("a finished TaskManager profile").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> rest.get(profiler).path("profilingList").path(0).path("status").asText().equals("FINISHED"));

        // the dead-letter sink's committer warns at every checkpoint after the first (deploy/flink: dropped)
        await("two completed checkpoints").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rest.get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt() >= 2);
        assertThat(taskManagerLog(stack)).contains("assemble order_details").doesNotContain("'pendingCommittables'");

        rest.cancel(jobId);
        rest.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
    }

    private static String taskManagerLog(LocalServers stack) throws IOException {
        StringBuilder log = new StringBuilder();
        try (Stream<Path> files = Files.list(stack.flink().dir().resolve("log"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("taskmanager.*\\.log")).toList()) {
                log.append(Files.readString(file));
            }
        }
        return log.toString();
    }
}
