package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.ReadModelApiTest;
import dev.cqrsorders.api.support.ReadModelDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /freshness} from what the job recorded in read_model_progress, with no Kafka configured (the tests'
 * setting): the shop's tables with their newest applied change, order_updates with the reason its lag is unknown.
 * The lag against a real broker and a real job: system-tests' FreshnessITCase.
 */
@MicronautTest
class FreshnessApiITCase extends ReadModelApiTest {
    @AfterEach
    void removeProgress() throws Exception {
        sql("DELETE FROM read_model_progress WHERE writer LIKE 'test %'");
    }

    @Test
    void eachSourceShowsTheNewestPositionAnyWriterApplied() throws Exception {
        sql("""
                INSERT INTO read_model_progress (source, part, writer, position, source_time, applied_at) VALUES
                  ('shop.orders', 0, 'test a/0', 17, '2026-12-05 10:00:01', '2026-12-05 10:00:02.5'),
                  ('shop.orders', 0, 'test b/0', 12, '2026-12-05 10:00:00', '2026-12-05 10:00:03'),
                  ('order_updates', 0, 'test a/0', 41, '2026-12-05 10:00:04.25', '2026-12-05 10:00:04.5')""");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode freshness = api().get("/freshness").json();
            JsonNode orders = source(freshness, "shop.orders");
            assertThat(orders.path("kind").asText()).isEqualTo("mysql");
            assertThat(orders.path("applied_position").asLong()).isEqualTo(17);
            assertThat(orders.path("applied_time").asText()).isEqualTo("2026-12-05T10:00:01.000Z");
            assertThat(orders.path("last_progress_at").asText()).isEqualTo("2026-12-05T10:00:03.000Z");
            assertThat(orders.path("lag_ms").isNull()).isTrue();
            assertThat(orders.path("error").asText()).contains("no watermark");
            JsonNode events = source(freshness, "order_updates");
            assertThat(events.path("kind").asText()).isEqualTo("kafka");
            assertThat(events.path("applied_time").asText()).isEqualTo("2026-12-05T10:00:04.250Z");
            assertThat(events.path("lag_ms").isNull()).isTrue();
            assertThat(events.path("error").asText()).contains("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(freshness.path("lag_ms").isNull()).isTrue();
            assertThat(freshness.path("last_progress_at").asText()).isEqualTo("2026-12-05T10:00:04.500Z");
        });
    }

    /** The watermark ({@code shop.*}) is the oldest of the writers': every shop table's lag is its age. */
    @Test
    void theShopTablesLagIsTheAgeOfTheOldestWritersWatermark() throws Exception {
        long older = java.time.Instant.parse("2026-12-01T10:00:04Z").toEpochMilli();
        sql("""
                INSERT INTO read_model_progress (source, part, writer, position, source_time, applied_at) VALUES
                  ('shop.orders', 0, 'test a/0', 17, '2026-12-05 10:00:01', '2026-12-05 10:00:02.5'),
                  ('shop.*', 0, 'test a/0', 1, '2026-12-01 10:00:05', '2026-12-01 10:00:05.5'),
                  ('shop.*', 0, 'test b/0', 1, '2026-12-01 10:00:04', '2026-12-05 10:00:06')""");
        long before = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode freshness = api().get("/freshness").json();
            long after = System.currentTimeMillis();
            for (String table : new String[] {"shop.users", "shop.addresses", "shop.orders", "shop.order_items"}) {
                JsonNode source = source(freshness, table);
                assertThat(source.path("kind").asText()).isEqualTo("mysql");
                assertThat(source.path("lag_ms").asLong()).isBetween(before - older - 1_000, after - older);
                assertThat(source.path("error").isNull()).isTrue();
            }
            assertThat(source(freshness, "shop.users").path("applied_position").isNull()).isTrue();
            assertThat(source(freshness, "shop.orders").path("applied_position").asLong()).isEqualTo(17);
            assertThat(source(freshness, "shop.orders").path("last_progress_at").asText())
                    .isEqualTo("2026-12-05T10:00:06.000Z");
            assertThat(freshness.path("sources").findValuesAsText("source")).doesNotContain("shop.*");
            assertThat(freshness.path("lag_ms").asLong()).isEqualTo(source(freshness, "shop.orders").path("lag_ms").asLong());
        });
    }

    private static JsonNode source(JsonNode freshness, String name) {
        for (JsonNode source : freshness.path("sources")) {
            if (source.path("source").asText().equals(name)) {
                return source;
            }
        }
        throw new AssertionError("no source " + name + " in " + freshness);
    }

    private static void sql(String statement) throws Exception {
        try (Connection owner = ReadModelDatabase.shared().connectAsOwner(); Statement s = owner.createStatement()) {
            s.execute(statement);
        }
    }
}
