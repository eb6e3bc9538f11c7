package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Flink cluster's Prometheus endpoints (FLINK_METRICS_PORT and the next ports, one per process) while the real
 * job runs: the job's own counters, the cluster's and the sources' figures, with values that match what was sent,
 * and every Flink metric the Grafana dashboard (deploy/monitoring) plots.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class PrometheusMetricsITCase {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The Grafana dashboard docker-compose's monitoring profile provisions. */
    private static final Path DASHBOARD = Path.of("..", "deploy", "monitoring", "grafana", "dashboards", "cqrs-orders.json");
    private static final Pattern FLINK_METRIC = Pattern.compile("flink_[A-Za-z0-9_]+");

    @Test
    void theJobsMetricsAreScrapedWithSaneValues(LocalServers stack) throws Exception {
        long orders = LocalSystem.seedShop(stack, 10, 40, 3);
        String jobId = LocalSystem.submitJob(stack);
        try {
            LocalSystem.seedData(stack, "events", "--count", "200", "--rate", "1000", "--malformed", "0.1", "--seed", "3");

            Map<String, Double> metrics = new HashMap<>();
            await("the job's counters on the Prometheus endpoints").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        metrics.clear();
                        metrics.putAll(scrape(stack));
                        // the topic may hold earlier tests' records too: the job reads it from the start
                        return sum(metrics, "orderUpdatesValid") + sum(metrics, "orderUpdatesInvalid") >= 200
                                && sum(metrics, "readModelRowsWritten") >= orders
                                && sum(metrics, "flink_jobmanager_job_numberOfCompletedCheckpoints") > 0;
                    });
            assertThat(sum(metrics, "orderUpdatesInvalid")).as("malformed records counted").isPositive();
            assertThat(sum(metrics, "readModelRowsRejected")).isZero();
            assertThat(sum(metrics, "ordersHeldForCheckpoint")).as("the snapshot's orders waited for a checkpoint")
                    .isGreaterThanOrEqualTo(orders);
            assertThat(sum(metrics, "flink_jobmanager_numRegisteredTaskManagers")).isEqualTo(1);
            assertThat(sum(metrics, "flink_jobmanager_job_numRestarts")).isZero();
            assertThat(sum(metrics, "KafkaSourceReader_KafkaConsumer_records_consumed_total"))
                    .isGreaterThanOrEqualTo(sum(metrics, "orderUpdatesValid") + sum(metrics, "orderUpdatesInvalid"));
            Set<String> names = metrics.keySet().stream().map(PrometheusMetricsITCase::name).collect(Collectors.toSet());
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    Matcher flinkMetric = FLINK_METRIC.matcher(target.path("expr").asText());
                    while (flinkMetric.find()) {
                        assertThat(names).as("dashboard panel '" + panel.path("title").asText() + "'")
                                .contains(flinkMetric.group());
                    }
                }
            }
            assertThat(metrics.keySet()).as("per-source lag: Kafka's consumer, Flink CDC's binlog reader")
                    .anyMatch(name -> name.contains("KafkaConsumer_records_lag_max"))
                    .anyMatch(name -> name.contains("currentFetchEventTimeLag"));
        } finally {
            FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
            rest.cancel(jobId);
            rest.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
        }
    }

    /** Every sample of every Flink process, as name{labels} → value. */
    private static Map<String, Double> scrape(LocalServers stack) throws InterruptedException {
        Map<String, Double> samples = new HashMap<>();
        for (String url : stack.flink().metricsUrls()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                });
            } catch (IOException notListening) {
                // one port more than processes may be in the range
            }
        }
        return samples;
    }

    /** The sum over all samples whose metric name ends with {@code suffix} (Flink prefixes the scope). */
    private static double sum(Map<String, Double> samples, String suffix) {
        return samples.entrySet().stream().filter(e -> name(e.getKey()).endsWith(suffix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** {@code name{labels}} → {@code name}. */
    private static String name(String sample) {
        int labels = sample.indexOf('{');
        return labels < 0 ? sample : sample.substring(0, labels);
    }
}
