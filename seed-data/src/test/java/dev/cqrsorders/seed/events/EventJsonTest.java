package dev.cqrsorders.seed.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.seed.events.OrderEvent.EventJson;
import dev.cqrsorders.seed.events.OrderEvent.OrderStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {
    private static final UUID ID = UUID.fromString("8d0c5b8e-1f2a-4c3d-9e4f-5a6b7c8d9e0f");

    @Test
    void writesExactlyTheContractsFieldsAndTypes() throws Exception {
        OrderEvent event = new OrderEvent(ID, 42, OrderStatus.PREPARING, Instant.parse("2026-11-26T12:00:00.123Z"));

        String json = EventJson.toJson(event);

        assertThat(json).isEqualTo("{\"event_id\":\"8d0c5b8e-1f2a-4c3d-9e4f-5a6b7c8d9e0f\",\"order_id\":42,"
                + "\"status\":\"preparing\",\"source\":\"kitchen\",\"event_time\":\"2026-11-26T12:00:00.123Z\"}");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.fieldNames()).toIterable()
                .containsExactly("event_id", "order_id", "status", "source", "event_time");
        assertThat(node.get("order_id").isIntegralNumber()).isTrue();
        assertThat(List.of(node.get("event_id"), node.get("status"), node.get("source"), node.get("event_time")))
                .allMatch(JsonNode::isTextual);
        assertThat(EventContract.violation("42", json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void alwaysWritesMillisAndZ() {
        assertThat(EventJson.formatTime(Instant.parse("2026-11-26T12:00:00Z"))).isEqualTo("2026-11-26T12:00:00.000Z");
        assertThat(EventJson.formatTime(Instant.parse("2026-01-02T03:04:05.600Z"))).isEqualTo("2026-01-02T03:04:05.600Z");
    }

    @Test
    void everyStatusIsLowercaseWithItsSource() {
        assertThat(OrderStatus.values()).extracting(OrderStatus::wireName)
                .containsExactly("created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled");
        assertThat(OrderStatus.values()).extracting(OrderStatus::wireName)
                .allMatch(EventContract.STATUSES::contains);
        assertThat(OrderStatus.PICKED_UP.source()).isEqualTo("delivery");
        assertThat(OrderStatus.CREATED.source()).isEqualTo("orders");
    }
}
