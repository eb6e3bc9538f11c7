package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.SseSubscription;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /order_details/{id}/stream} on the real system: an order created in MySQL, its statuses sent to
 * order_updates, a disconnect and a resume with Last-Event-ID, its deletion in MySQL — the client sees every state
 * in order, each once, then {@code event: deleted}. Beside it {@code GET /order_details/stream?status=preparing}
 * sends only preparing orders, and this one's removal when it moves on.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class OrderStreamITCase {
    private static final long ORDER = 910_001;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aClientSeesCreateStatusesAndDeleteInOrderAcrossAReconnect(LocalServers stack) throws Exception {
        LocalSystem.seedShop(stack, 2, 2, 31);
        String jobId = LocalSystem.submitJob(stack);
        try (LocalSystem.ServingApi api = LocalSystem.startServingApi(stack);
             Connection mysql = stack.mariaDb().connectAsApp("shop"); Statement shop = mysql.createStatement()) {
            shop.execute("INSERT INTO orders (order_id, user_id, address_id, total, status, order_date, updated_at)"
                    + " SELECT " + ORDER + ", user_id, NULL, 10.00, 'created', NOW(3) - INTERVAL 1 HOUR,"
                    + " NOW(3) - INTERVAL 1 HOUR FROM users ORDER BY user_id LIMIT 1");
            shop.execute("INSERT INTO order_items (item_id, order_id, product_name, quantity, price) VALUES (910001, "
                    + ORDER + ", 'Pen', 1, 10.00)");
            String stream = api.url() + "/order_details/" + ORDER + "/stream";
            await("the order in the read model").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/order_details/" + ORDER)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

            List<SseSubscription.Event> seen = new ArrayList<>();
            SseSubscription preparing = SseSubscription.open(
                    URI.create(api.url() + "/order_details/stream?status=preparing"), null);
            List<SseSubscription.Event> preparingEvents = new ArrayList<>();
            try (SseSubscription first = SseSubscription.open(URI.create(stream), null)) {
                seen.add(first.next(WAIT));
                send(stack, "preparing", 10);
                seen.add(first.next(WAIT));
            }
            send(stack, "ready", 20);      // while no client listens
            send(stack, "picked_up", 30);
            await("both applied").atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(HTTP.send(HttpRequest
                    .newBuilder(URI.create(api.url() + "/order_details/" + ORDER)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("order_status").asText().equals("picked_up"));
            try (preparing) {
                SseSubscription.Event event;
                do {
                    event = preparing.next(WAIT);
                    preparingEvents.add(event);
                } while (!"removed".equals(event.name()));
            }
            // the filtered stream: the preparing orders as they were, then this order while it was preparing, then its
            // removal when it moved on; never an order in another status
            assertThat(preparingEvents).filteredOn(e -> "message".equals(e.name()))
                    .allSatisfy(e -> assertThat(JSON.readTree(e.data()).path("order_status").asText())
                            .isEqualTo("preparing"))
                    .anySatisfy(e -> assertThat(JSON.readTree(e.data()).path("order_id").asLong()).isEqualTo(ORDER));
            assertThat(JSON.readTree(preparingEvents.get(preparingEvents.size() - 1).data()).path("order_id").asLong())
                    .isEqualTo(ORDER);
            try (SseSubscription resumed = SseSubscription.open(URI.create(stream), seen.get(seen.size() - 1).id())) {
                seen.add(resumed.next(WAIT));
                shop.execute("DELETE FROM order_items WHERE order_id = " + ORDER);
                shop.execute("DELETE FROM orders WHERE order_id = " + ORDER);
                SseSubscription.Event last;
                do {
                    last = resumed.next(WAIT);
                    seen.add(last);
                } while (!"deleted".equals(last.name()));
            }
            List<String> states = new ArrayList<>();
            for (SseSubscription.Event e : seen) {
                states.add("deleted".equals(e.name()) ? "deleted" : JSON.readTree(e.data()).path("order_status").asText());
            }
            // the items' deletion may show as a write of its own before the order's; the statuses come once, in order
            assertThat(states.subList(0, 3)).containsExactly("created", "preparing", "picked_up");
            assertThat(states.get(states.size() - 1)).isEqualTo("deleted");
            assertThat(states.subList(3, states.size() - 1)).allMatch("picked_up"::equals);
            assertThat(seen).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();
            JsonNode deleted = JSON.readTree(seen.get(seen.size() - 1).data());
            assertThat(deleted.path("order_id").asLong()).isEqualTo(ORDER);
        } finally {
            new FlinkRestClient(stack.flink().restUrl()).cancel(jobId);
        }
    }

    /** An order_updates event for the order, {@code minutes} after its creation hour began: newer than its own status. */
    private static void send(LocalServers stack, String status, int minutes) throws Exception {
        LocalSystem.sendOrderUpdate(stack, "stream-" + status, ORDER, status, Instant.now().minusSeconds(3600 - minutes * 60L));
    }
}
