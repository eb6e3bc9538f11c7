package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /freshness} and {@code X-Read-Model-Lag-Ms} on the real system: the job records what it applied, the
 * API compares it with the broker. Caught up, order_updates' lag is zero and the shop tables' (the age of the job's
 * binlog watermark) below a second or so; while the job is stopped, events wait and order_updates' lag grows with
 * their age, the tables' with the time since the job stopped; resumed from its savepoint, the job catches up and the
 * lags are small again. A MySQL change shows as the newest applied change of its table.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class FreshnessITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theLagIsZeroWhenCaughtUpAndGrowsWithTheAgeOfWhatAStoppedJobHasNotApplied(LocalServers stack) throws Exception {
        LocalSystem.seedShop(stack, 5, 20, 11);
        String jobId = LocalSystem.submitJob(stack);
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        try (LocalSystem.ServingApi serving = LocalSystem.startServingApi(stack)) {
            String api = serving.url();
            LocalSystem.seedData(stack, "events", "--count", "50", "--rate", "500", "--seed", "11");
            awaitCaughtUp(api);
            // the watermark passed the assembler too: both order_details writers record it, not only the projections'
            try (Connection pg = stack.postgres().connectAsApi(); Statement s = pg.createStatement();
                 ResultSet rs = s.executeQuery("SELECT writer FROM read_model_progress WHERE source = 'shop.*' "
                         + "AND applied_at > (now() AT TIME ZONE 'UTC') - interval '10 seconds' ORDER BY writer")) {
                List<String> writers = new ArrayList<>();
                while (rs.next()) {
                    writers.add(rs.getString(1));
                }
                assertThat(writers).contains("write order_details/0", "write order_details/1",
                        "write users, addresses, orders/0");
            }
            assertThat(Long.parseLong(get(api + "/order_details?limit=1").headers()
                    .firstValue("X-Read-Model-Lag-Ms").orElseThrow())).isBetween(0L, CAUGHT_UP_MYSQL_LAG_MS);

            long ordersBefore = appliedPosition(freshness(api), "shop.orders");
            try (Connection mysql = stack.mariaDb().connectAsApp("shop"); Statement s = mysql.createStatement()) {
                s.executeUpdate("UPDATE orders SET total = total + 1 WHERE order_id = (SELECT MIN(order_id) FROM orders)");
            }
            long changedAt = System.currentTimeMillis();
            await("the MySQL change applied").atMost(Duration.ofSeconds(60))
                    .until(() -> appliedPosition(freshness(api), "shop.orders") > ordersBefore);
            JsonNode orders = source(freshness(api), "shop.orders");
            assertThat(orders.path("kind").asText()).isEqualTo("mysql");
            // binlog times are whole seconds
            assertThat(millis(orders.path("applied_time").asText())).isBetween(changedAt - 2_000, changedAt + 1_000);

            String savepoint = rest.stopWithSavepoint(jobId, Duration.ofSeconds(120));
            long stopped = System.currentTimeMillis();
            long sendingStarted = System.currentTimeMillis();
            LocalSystem.seedData(stack, "events", "--count", "20", "--rate", "200", "--seed", "12");
            long sendingEnded = System.currentTimeMillis();
            await("the waiting events counted").atMost(Duration.ofSeconds(30))
                    .until(() -> source(freshness(api), "order_updates").path("lag_records").asLong() >= 20);
            long firstLag = source(freshness(api), "order_updates").path("lag_ms").asLong();
            await("the lag growing while the job is stopped").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                long readAt = System.currentTimeMillis();
                JsonNode freshness = freshness(api);
                long lag = source(freshness, "order_updates").path("lag_ms").asLong();
                // the oldest waiting event was sent between sendingStarted and sendingEnded, measured at most a
                // refresh (and a Kafka round trip) before this read
                assertThat(lag).isBetween(readAt - sendingEnded - 1_500, readAt - sendingStarted);
                assertThat(lag).isGreaterThan(firstLag + 1_000);
                // the stopped job's watermark is older than the stop, and older than every waiting event
                long tables = source(freshness, "shop.orders").path("lag_ms").asLong();
                assertThat(tables).isGreaterThan(readAt - stopped - 1_500).isGreaterThanOrEqualTo(lag);
                assertThat(freshness.path("lag_ms").asLong()).isEqualTo(tables);
            });
            long header = Long.parseLong(get(api + "/order_details?limit=1").headers()
                    .firstValue("X-Read-Model-Lag-Ms").orElseThrow());
            assertThat(header).isGreaterThan(firstLag);

            jobId = LocalSystem.submitJob(stack, savepoint);
            awaitCaughtUp(api);
        } finally {
            rest.cancel(jobId);
        }
    }

    /** The binlog watermark's resolution: the job's heartbeat (500 ms), the API's refresh (250 ms), a flush. */
    private static final long CAUGHT_UP_MYSQL_LAG_MS = 2_000;

    private static void awaitCaughtUp(String api) {
        await("the read model caught up with order_updates").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode events = source(freshness(api), "order_updates");
                    assertThat(events.path("error").isNull()).as(events.toString()).isTrue();
                    assertThat(events.path("lag_records").asLong()).isZero();
                    assertThat(events.path("lag_ms").asLong()).isZero();
                    assertThat(events.path("partitions")).allSatisfy(p ->
                            assertThat(p.path("applied_offset").asLong()).isEqualTo(p.path("end_offset").asLong() - 1));
                    for (String table : new String[] {"shop.users", "shop.addresses", "shop.orders", "shop.order_items"}) {
                        JsonNode source = source(freshness(api), table);
                        assertThat(source.path("kind").asText()).as(table).isEqualTo("mysql");
                        assertThat(source.path("lag_ms").isNumber()).as(source.toString()).isTrue();
                        assertThat(source.path("lag_ms").asLong()).as(table).isBetween(0L, CAUGHT_UP_MYSQL_LAG_MS);
                    }
                });
    }

    private static JsonNode freshness(String api) throws Exception {
        HttpResponse<String> response = get(api + "/freshness");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode source(JsonNode freshness, String name) {
        for (JsonNode source : freshness.path("sources")) {
            if (source.path("source").asText().equals(name)) {
                return source;
            }
        }
        return JSON.createObjectNode();
    }

    private static long appliedPosition(JsonNode freshness, String name) {
        return source(freshness, name).path("applied_position").asLong(-1);
    }

    private static long millis(String isoTime) {
        return java.time.Instant.parse(isoTime).toEpochMilli();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
