package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /order_details/{id}/stream} on the real system: an order created in MySQL, its statuses sent to
 * order_updates, a disconnect and a resume with Last-Event-ID, its deletion in MySQL — the client sees every state
 * in order, each once, then {@code event: deleted}.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class OrderStreamITCase {
    private static final long ORDER = 910_001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record SseEvent(String id, String name, String data) {}

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

            List<SseEvent> seen = new ArrayList<>();
            try (Subscription first = new Subscription(stream, null)) {
                seen.add(first.next());
                send(stack, "preparing", 10);
                seen.add(first.next());
            }
            send(stack, "ready", 20);      // while no client listens
            send(stack, "picked_up", 30);
            await("both applied").atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(HTTP.send(HttpRequest
                    .newBuilder(URI.create(api.url() + "/order_details/" + ORDER)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("order_status").asText().equals("picked_up"));
            try (Subscription resumed = new Subscription(stream, seen.get(seen.size() - 1).id())) {
                seen.add(resumed.next());
                shop.execute("DELETE FROM order_items WHERE order_id = " + ORDER);
                shop.execute("DELETE FROM orders WHERE order_id = " + ORDER);
                SseEvent last;
                do {
                    last = resumed.next();
                    seen.add(last);
                } while (!"deleted".equals(last.name()));
            }
            List<String> states = new ArrayList<>();
            for (SseEvent e : seen) {
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
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), new StringSerializer(), new StringSerializer())) {
            String event = "{\"event_id\": \"stream-" + status + "\", \"order_id\": " + ORDER + ", \"status\": \"" + status
                    + "\", \"source\": \"stream-test\", \"event_time\": \"" + Instant.now().minusSeconds(3600 - minutes * 60L)
                    + "\"}";
            producer.send(new ProducerRecord<>("order_updates", Long.toString(ORDER), event)).get();
        }
    }

    /** One SSE connection, its events parsed into a queue by a thread of its own. */
    private static final class Subscription implements AutoCloseable {
        private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final InputStream body;

        Subscription(String url, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            body = response.body();
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new SseEvent(id, name, data.toString()));
                        }
                        id = null;
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }

        SseEvent next() throws InterruptedException {
            SseEvent event = events.poll(60, TimeUnit.SECONDS);
            assertThat(event).as("an event within 60 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
