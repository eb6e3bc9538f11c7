package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.api.support.ReadModelApiTest;
import dev.cqrsorders.api.support.ReadModelDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /order_details/{id}/stream} against the real read model: the rows are written as the job writes them
 * (change_seq and read_model_updated_at set to DEFAULT, a deletion leaves a tombstone), the events come through
 * PostgreSQL's notifications to the API's single listener.
 */
@MicronautTest
class OrderDetailsStreamITCase extends ReadModelApiTest {
    private static final long ORDER = 900_001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<InputStream> open = new ArrayList<>();

    record SseEvent(String id, String name, String data) {}

    @AfterEach
    void removeTheOrder() throws Exception {
        for (InputStream stream : open) {
            stream.close();
        }
        sql("DELETE FROM order_details WHERE order_id = " + ORDER,
                "DELETE FROM read_model_tombstones WHERE table_name = 'order_details' AND id = " + ORDER);
    }

    @Test
    void aClientSeesTheOrderThenEveryStatusThenItsDeletionInOrder() throws Exception {
        create();
        BlockingQueue<SseEvent> events = subscribe(null);
        SseEvent created = next(events);
        assertThat(status(created)).isEqualTo("created");

        setStatus("preparing");
        setStatus("ready");
        delete();

        SseEvent preparing = next(events);
        SseEvent ready = next(events);
        SseEvent deleted = next(events);
        assertThat(status(preparing)).isEqualTo("preparing");
        assertThat(status(ready)).isEqualTo("ready");
        assertThat(deleted.name()).isEqualTo("deleted");
        assertThat(JSON.readTree(deleted.data()).path("order_id").asLong()).isEqualTo(ORDER);
        assertThat(List.of(created, preparing, ready, deleted)).extracting(e -> Long.parseLong(e.id())).isSorted()
                .doesNotHaveDuplicates();
        assertThat(events.poll(1, TimeUnit.SECONDS)).as("nothing more").isNull();
    }

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
        create();
        SseEvent first = next(subscribe(null));
        setStatus("preparing");
        setStatus("ready");

        BlockingQueue<SseEvent> resumed = subscribe(first.id());
        SseEvent current = next(resumed);
        assertThat(status(current)).as("the state it missed, once").isEqualTo("ready");
        assertThat(resumed.poll(1, TimeUnit.SECONDS)).isNull();

        BlockingQueue<SseEvent> upToDate = subscribe(current.id());
        SseEvent resumedUpToDate = next(upToDate);
        assertThat(resumedUpToDate.name()).as("nothing it has already seen").isEqualTo("resumed");
        assertThat(resumedUpToDate.id()).isNull();
        assertThat(upToDate.poll(1, TimeUnit.SECONDS)).isNull();
        setStatus("picked_up");
        assertThat(status(next(upToDate))).isEqualTo("picked_up");
        assertThat(status(next(resumed))).isEqualTo("picked_up");
    }

    @Test
    void anUnknownOrderIsA404Problem() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri()).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("no order with order_id " + ORDER);
    }

    private URI uri() {
        return server.getURI().resolve("/order_details/" + ORDER + "/stream");
    }

    /** Opens the stream and parses its events into a queue, on a thread of its own. */
    private BlockingQueue<SseEvent> subscribe(String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        open.add(response.body());
        BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
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
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static SseEvent next(BlockingQueue<SseEvent> events) throws InterruptedException {
        SseEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private static String status(SseEvent event) throws Exception {
        JsonNode order = JSON.readTree(event.data());
        assertThat(order.path("order_id").asLong()).isEqualTo(ORDER);
        return order.path("order_status").asText();
    }

    private static void create() throws Exception {
        sql("""
                INSERT INTO order_details (order_id, user_id, user_name, user_email, user_phone, address_id, full_address,
                  total, order_date, order_status, last_order_update, item_count, items_total, order_items_details, items)
                VALUES (%d, 1, 'Ada', 'ada@example.com', NULL, NULL, NULL, 10, '2026-11-26 12:00:00', 'created',
                  '2026-11-26 12:00:00', 0, 0, '', '[]'::jsonb)""".formatted(ORDER));
    }

    /** As the job moves a status: the status columns, and the write's number and time. */
    private static void setStatus(String status) throws Exception {
        sql("UPDATE order_details SET order_status = '" + status + "', last_order_update = last_order_update + "
                + "interval '1 minute', change_seq = DEFAULT, read_model_updated_at = DEFAULT WHERE order_id = " + ORDER);
    }

    /** As the job deletes: a tombstone, then the row. */
    private static void delete() throws Exception {
        sql("INSERT INTO read_model_tombstones (table_name, id, version) VALUES ('order_details', " + ORDER + ", 1)",
                "DELETE FROM order_details WHERE order_id = " + ORDER);
    }

    private static void sql(String... statements) throws Exception {
        try (Connection owner = ReadModelDatabase.shared().connectAsOwner(); Statement s = owner.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
