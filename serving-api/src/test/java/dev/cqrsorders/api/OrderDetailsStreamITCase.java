package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.api.support.ReadModelApiTest;
import dev.cqrsorders.api.support.ReadModelDatabase;
import dev.cqrsorders.servers.SseSubscription;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /order_details/{id}/stream} against the real read model: the rows are written as the job writes them
 * (change_seq and read_model_updated_at set to DEFAULT, a deletion leaves a tombstone), the events come through
 * PostgreSQL's notifications to the API's single listener.
 */
@MicronautTest
class OrderDetailsStreamITCase extends ReadModelApiTest {
    private static final long ORDER = 900_001;
    /** Another user's order, which a stream filtered by USER must never send. */
    private static final long OTHER_ORDER = 900_002;
    private static final long USER = 900_007;
    private static final long OTHER_USER = 900_008;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SseSubscription> open = new ArrayList<>();

    @AfterEach
    void removeTheOrder() throws Exception {
        for (SseSubscription stream : open) {
            stream.close();
        }
        sql("DELETE FROM order_details WHERE order_id IN (" + ORDER + ", " + OTHER_ORDER + ")",
                "DELETE FROM read_model_tombstones WHERE table_name = 'order_details' AND id IN (" + ORDER + ", "
                        + OTHER_ORDER + ")");
    }

    @Test
    void aClientSeesTheOrderThenEveryStatusThenItsDeletionInOrder() throws Exception {
        create();
        SseSubscription events = subscribe(null);
        SseSubscription.Event created = next(events);
        assertThat(status(created)).isEqualTo("created");

        setStatus("preparing");
        setStatus("ready");
        delete();

        SseSubscription.Event preparing = next(events);
        SseSubscription.Event ready = next(events);
        SseSubscription.Event deleted = next(events);
        assertThat(status(preparing)).isEqualTo("preparing");
        assertThat(status(ready)).isEqualTo("ready");
        assertThat(deleted.name()).isEqualTo("deleted");
        assertThat(JSON.readTree(deleted.data()).path("order_id").asLong()).isEqualTo(ORDER);
        assertThat(List.of(created, preparing, ready, deleted)).extracting(e -> Long.parseLong(e.id())).isSorted()
                .doesNotHaveDuplicates();
        assertThat(events.poll(Duration.ofSeconds(1))).as("nothing more").isNull();
    }

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
        create();
        SseSubscription.Event first = next(subscribe(null));
        setStatus("preparing");
        setStatus("ready");

        SseSubscription resumed = subscribe(first.id());
        SseSubscription.Event current = next(resumed);
        assertThat(status(current)).as("the state it missed, once").isEqualTo("ready");
        assertThat(resumed.poll(Duration.ofSeconds(1))).isNull();

        SseSubscription upToDate = subscribe(current.id());
        SseSubscription.Event resumedUpToDate = next(upToDate);
        assertThat(resumedUpToDate.name()).as("nothing it has already seen").isEqualTo("resumed");
        assertThat(resumedUpToDate.id()).isNull();
        assertThat(upToDate.poll(Duration.ofSeconds(1))).isNull();
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

    @Test
    void theFilteredStreamSendsOnlyChangesOfMatchingOrders() throws Exception {
        SseSubscription readyOfUser = subscribe(all("?status=ready&user_id=" + USER), null);
        SseSubscription ofUser = subscribe(all("?user_id=" + USER), null);
        SseSubscription preparingOfUser = subscribe(all("?status=preparing&user_id=" + USER), null);
        SseSubscription.Event subscribed = next(readyOfUser);
        assertThat(subscribed.name()).isEqualTo("subscribed");
        assertThat(next(ofUser).name()).isEqualTo("subscribed");
        assertThat(next(preparingOfUser).name()).isEqualTo("subscribed");

        create(ORDER, USER);
        create(OTHER_ORDER, OTHER_USER);
        setStatus(OTHER_ORDER, "ready");
        setStatus(ORDER, "preparing");
        setStatus(ORDER, "ready");
        delete();

        SseSubscription.Event ready = next(readyOfUser);
        assertThat(status(ready)).isEqualTo("ready");
        assertThat(Long.parseLong(ready.id())).isGreaterThan(Long.parseLong(subscribed.id()));
        assertThat(next(readyOfUser).name()).isEqualTo("deleted");
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(status(next(ofUser)));
        }
        assertThat(statuses).containsExactly("created", "preparing", "ready");
        assertThat(next(ofUser).name()).isEqualTo("deleted");
        assertThat(status(next(preparingOfUser))).isEqualTo("preparing");
        SseSubscription.Event removed = next(preparingOfUser);
        assertThat(removed.name()).as("it stopped matching").isEqualTo("removed");
        assertThat(JSON.readTree(removed.data()).path("order_id").asLong()).isEqualTo(ORDER);
        assertThat(next(preparingOfUser).name()).isEqualTo("deleted");
        assertThat(readyOfUser.poll(Duration.ofSeconds(1))).as("nothing of the other user's order").isNull();
        assertThat(ofUser.poll(Duration.ofSeconds(1))).isNull();
    }

    @Test
    void theFilteredStreamStartsWithTheMatchingOrdersAsTheyAre() throws Exception {
        create(ORDER, USER);
        setStatus(ORDER, "ready");
        create(OTHER_ORDER, OTHER_USER);
        SseSubscription events = subscribe(all("?user_id=" + USER), null);
        SseSubscription.Event current = next(events);
        assertThat(status(current)).isEqualTo("ready");
        assertThat(current.id()).as("a state, not a position in the feed").isNull();
        SseSubscription.Event subscribed = next(events);
        assertThat(subscribed.name()).isEqualTo("subscribed");
        assertThat(subscribed.id()).isNotNull();
        assertLive(events, "picked_up");
    }

    @Test
    void theFilteredStreamResumesWithTheStateOfEveryMatchingOrderWrittenMeanwhile() throws Exception {
        SseSubscription.Event subscribed = next(subscribe(all("?user_id=" + USER), null));
        create(ORDER, USER);
        setStatus(ORDER, "preparing");
        create(OTHER_ORDER, OTHER_USER);

        SseSubscription resumed = subscribe(all("?user_id=" + USER), subscribed.id());
        assertThat(status(next(resumed))).as("the state it missed, once").isEqualTo("preparing");
        SseSubscription.Event upToDate = next(resumed);
        assertThat(upToDate.name()).isEqualTo("resumed");
        assertThat(upToDate.id()).isNull();
        assertLive(resumed, "ready");
    }

    /** An order that stopped matching while the client was away is removed when it resumes. */
    @Test
    void theFilteredStreamResumesWithTheRemovalOfAnOrderThatStoppedMatchingMeanwhile() throws Exception {
        create(ORDER, USER);
        setStatus(ORDER, "preparing");
        SseSubscription first = subscribe(all("?status=preparing&user_id=" + USER), null);
        assertThat(status(next(first))).isEqualTo("preparing");
        SseSubscription.Event subscribed = next(first);
        assertThat(subscribed.name()).isEqualTo("subscribed");
        setStatus(ORDER, "ready");

        SseSubscription resumed = subscribe(all("?status=preparing&user_id=" + USER), subscribed.id());
        SseSubscription.Event removed = next(resumed);
        assertThat(removed.name()).as("it stopped matching meanwhile").isEqualTo("removed");
        assertThat(JSON.readTree(removed.data()).path("order_id").asLong()).isEqualTo(ORDER);
        assertThat(Long.parseLong(removed.id())).isGreaterThan(Long.parseLong(subscribed.id()));
        assertThat(next(resumed).name()).isEqualTo("resumed");
        setStatus(ORDER, "delivered");
        assertThat(resumed.poll(Duration.ofSeconds(1))).as("nothing more for an order it no longer holds").isNull();
    }

    /** Two writers: a change numbered before another but committed after it is sent all the same. */
    @Test
    void aWriteThatCommitsAfterALaterNumberedOneIsNotLost() throws Exception {
        create(ORDER, USER);
        create(OTHER_ORDER, USER);
        SseSubscription events = subscribe(all("?user_id=" + USER), null);
        next(events);
        next(events);
        assertThat(next(events).name()).isEqualTo("subscribed");
        try (Connection slow = ReadModelDatabase.shared().connectAsOwner(); Statement s = slow.createStatement()) {
            slow.setAutoCommit(false);
            s.executeUpdate("UPDATE order_details SET order_status = 'preparing', change_seq = DEFAULT,"
                    + " read_model_updated_at = DEFAULT WHERE order_id = " + ORDER);
            setStatus(OTHER_ORDER, "ready");
            SseSubscription.Event ready = next(events);
            assertThat(JSON.readTree(ready.data()).path("order_id").asLong()).isEqualTo(OTHER_ORDER);
            slow.commit();
            SseSubscription.Event preparing = next(events);
            assertThat(status(preparing)).isEqualTo("preparing");
            assertThat(Long.parseLong(preparing.id())).as("numbered first, committed last")
                    .isLessThan(Long.parseLong(ready.id()));
        }
    }

    @Test
    void aBadFilterIsA400Problem() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(all("?status=Ready"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private URI all(String query) {
        return server.getURI().resolve("/order_details/stream" + query);
    }

    private URI uri() {
        return server.getURI().resolve("/order_details/" + ORDER + "/stream");
    }

    private SseSubscription subscribe(String lastEventId) throws Exception {
        return subscribe(uri(), lastEventId);
    }

    private SseSubscription subscribe(URI uri, String lastEventId) throws Exception {
        SseSubscription subscription = SseSubscription.open(uri, lastEventId);
        open.add(subscription);
        return subscription;
    }

    private static SseSubscription.Event next(SseSubscription events) throws InterruptedException {
        return events.next(Duration.ofSeconds(10));
    }

    private static String status(SseSubscription.Event event) throws Exception {
        JsonNode order = JSON.readTree(event.data());
        assertThat(order.path("order_id").asLong()).isEqualTo(ORDER);
        return order.path("order_status").asText();
    }

    private static void create() throws Exception {
        create(ORDER, USER);
    }

    private static void create(long order, long user) throws Exception {
        sql("""
                INSERT INTO order_details (order_id, user_id, user_name, user_email, user_phone, address_id, full_address,
                  total, order_date, order_status, last_order_update, item_count, items_total, order_items_details, items)
                VALUES (%d, %d, 'Ada', 'ada@example.com', NULL, NULL, NULL, 10, '2026-11-26 12:00:00', 'created',
                  '2026-11-26 12:00:00', 0, 0, '', '[]'::jsonb)""".formatted(order, user));
    }

    private static void setStatus(String status) throws Exception {
        setStatus(ORDER, status);
    }

    /** As the job moves a status: the status columns, and the write's number and time. */
    private static void setStatus(long order, String status) throws Exception {
        sql("UPDATE order_details SET order_status = '" + status + "', last_order_update = last_order_update + "
                + "interval '1 minute', change_seq = DEFAULT, read_model_updated_at = DEFAULT WHERE order_id = " + order);
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

    /** The stream is live: the order's next status arrives on it, and nothing else. */
    private static void assertLive(SseSubscription events, String nextStatus) throws Exception {
        setStatus(ORDER, nextStatus);
        assertThat(status(next(events))).isEqualTo(nextStatus);
        assertThat(events.poll(Duration.ofSeconds(1))).isNull();
    }
}
