package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.Fixtures;
import dev.cqrsorders.api.support.ReadModelApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class OrderDetailsApiITCase extends ReadModelApiTest {

    @Test
    void oneOrderFieldByField() {
        Response response = api().get("/order_details/" + Fixtures.GOLDEN_ORDER);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode order = response.json();
        assertThat(fieldNames(order)).containsExactly("order_id", "user_id", "user_name", "user_email", "user_phone",
                "address_id", "full_address", "total", "order_date", "order_status", "last_order_update", "item_count",
                "items_total", "order_items_details", "items", "read_model_updated_at");
        assertThat(order.get("order_id").isIntegralNumber()).isTrue();
        assertThat(order.get("order_id").asLong()).isEqualTo(103);
        assertThat(order.get("user_id").asLong()).isEqualTo(1);
        assertThat(order.get("user_name").asText()).isEqualTo("Ada Lovelace");
        assertThat(order.get("user_email").asText()).isEqualTo("ada@example.com");
        assertThat(order.get("user_phone").asText()).isEqualTo("+1 555 0101");
        assertThat(order.get("address_id").asLong()).isEqualTo(11);
        assertThat(order.get("full_address").asText()).isEqualTo("1 Main St, Springfield, IL, 62701, US");
        assertThat(order.get("total").isTextual()).isTrue();
        assertThat(order.get("total").asText()).isEqualTo("391.12");
        assertThat(order.get("order_date").asText()).isEqualTo("2026-11-26T12:00:00.123Z");
        assertThat(order.get("order_status").asText()).isEqualTo("preparing");
        // a UTC wall-clock time that does not exist in the test JVM's zone (America/New_York, DST gap)
        assertThat(order.get("last_order_update").asText()).isEqualTo("2026-03-08T02:30:00.500Z");
        assertThat(order.get("item_count").asInt()).isEqualTo(2);
        assertThat(order.get("items_total").asText()).isEqualTo("391.12");
        assertThat(order.get("order_items_details").asText())
                .isEqualTo("Calzone (Qty: 2, Price: 12.50, Total: 25.00); Pizza (Qty: 3, Price: 122.04, Total: 366.12)");

        // when the fixture's row was written, by PostgreSQL's clock
        assertThat(Instant.parse(order.get("read_model_updated_at").asText()))
                .isBetween(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(5));
        assertThat(order.get("read_model_updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        JsonNode items = order.get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(fieldNames(items.get(0))).containsExactly("item_id", "product_name", "quantity", "price", "line_total");
        // stored out of order; served in item_id order
        assertThat(items.get(0).get("item_id").asLong()).isEqualTo(5);
        assertThat(items.get(0).get("product_name").asText()).isEqualTo("Calzone");
        assertThat(items.get(0).get("quantity").asInt()).isEqualTo(2);
        // stored as the JSON number 12.5: served as the string "12.50"
        assertThat(items.get(0).get("price").isTextual()).isTrue();
        assertThat(items.get(0).get("price").asText()).isEqualTo("12.50");
        assertThat(items.get(0).get("line_total").asText()).isEqualTo("25.00");
        assertThat(items.get(1).get("item_id").asLong()).isEqualTo(9);
        assertThat(items.get(1).get("price").asText()).isEqualTo("122.04");
        assertThat(items.get(1).get("line_total").asText()).isEqualTo("366.12");
    }

    @Test
    void nullsAreExplicitAndWholeValuesKeepTheirFormat() {
        JsonNode order = api().get("/order_details/" + Fixtures.BARE_ORDER).json();

        assertThat(order.has("user_name")).isTrue();
        assertThat(order.get("user_name").isNull()).isTrue();
        assertThat(order.get("user_email").isNull()).isTrue();
        assertThat(order.get("user_phone").isNull()).isTrue();
        assertThat(order.get("address_id").isNull()).isTrue();
        assertThat(order.get("full_address").isNull()).isTrue();
        assertThat(order.get("total").asText()).isEqualTo("5.00");
        assertThat(order.get("items_total").asText()).isEqualTo("0.00");
        assertThat(order.get("order_date").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(order.get("items").isArray()).isTrue();
        assertThat(order.get("items").size()).isZero();
    }

    @Test
    void pagesCoverEveryOrderOnceInIdOrder() {
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = api().get("/order_details?limit=7" + after).json();
            assertThat(fieldNames(body)).containsExactly("order_details", "next_after");
            JsonNode rows = body.get("order_details");
            pageSizes.add(rows.size());
            rows.forEach(row -> seen.add(row.get("order_id").asLong()));
            if (body.get("next_after").isNull()) {
                break;
            }
            assertThat(body.get("next_after").asLong()).isEqualTo(rows.get(rows.size() - 1).get("order_id").asLong());
            after = "&after=" + body.get("next_after").asLong();
        }
        assertThat(pageSizes).containsExactly(7, 7, 7, 4);
        assertThat(seen).isEqualTo(Fixtures.orderIds(o -> true));
    }

    @Test
    void aFullLastPageSaysThereIsNoNextPage() {
        JsonNode body = api().get("/order_details?limit=" + Fixtures.ORDER_COUNT).json();
        assertThat(body.get("order_details").size()).isEqualTo(Fixtures.ORDER_COUNT);
        assertThat(body.get("next_after").isNull()).isTrue();

        JsonNode beyond = api().get("/order_details?after=175").json();
        assertThat(beyond.get("order_details").size()).isZero();
        assertThat(beyond.get("next_after").isNull()).isTrue();
    }

    @Test
    void defaultLimitIsFiftyAndAfterStartsAfterTheGivenId() {
        JsonNode body = api().get("/order_details").json();
        assertThat(body.get("order_details").size()).isEqualTo(Fixtures.ORDER_COUNT);

        JsonNode fromMiddle = api().get("/order_details?after=150&limit=2").json();
        assertThat(ids(fromMiddle.get("order_details"))).containsExactly(151L, 154L);
        assertThat(fromMiddle.get("next_after").asLong()).isEqualTo(154);
    }

    @Test
    void filtersByStatusByUserAndByBoth() {
        for (String status : Fixtures.STATUSES) {
            JsonNode body = api().get("/order_details?limit=1000&status=" + status).json();
            assertThat(ids(body.get("order_details"))).as(status)
                    .isEqualTo(Fixtures.orderIds(o -> o.orderStatus().equals(status)));
            body.get("order_details").forEach(row -> assertThat(row.get("order_status").asText()).isEqualTo(status));
        }
        for (long user = 1; user <= 3; user++) {
            long userId = user;
            JsonNode body = api().get("/order_details?user_id=" + userId).json();
            assertThat(ids(body.get("order_details"))).isEqualTo(Fixtures.orderIds(o -> o.userId() == userId));
        }
        String status = Fixtures.orders().get(4).orderStatus();
        long userId = Fixtures.orders().get(4).userId();
        JsonNode both = api().get("/order_details?user_id=" + userId + "&status=" + status).json();
        assertThat(ids(both.get("order_details")))
                .isNotEmpty()
                .isEqualTo(Fixtures.orderIds(o -> o.userId() == userId && o.orderStatus().equals(status)));
    }

    @Test
    void filteredPagingHasNoGapsOrRepeats() {
        List<Long> expected = Fixtures.orderIds(o -> o.userId() == 1);
        List<Long> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        while (pages++ < 20) {
            JsonNode body = api().get("/order_details?user_id=1&limit=2" + after).json();
            seen.addAll(ids(body.get("order_details")));
            if (body.get("next_after").isNull()) {
                break;
            }
            after = "&after=" + body.get("next_after").asLong();
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 1) / 2);
    }

    @Test
    void materializedViewShapeIsABareArrayOfTheSameObjects() {
        Response response = api().get("/order_details_mv?limit=3&after=100");
        assertThat(response.status()).isEqualTo(200);
        JsonNode array = response.json();
        assertThat(array.isArray()).isTrue();
        assertThat(ids(array)).containsExactly(103L, 106L, 109L);
        assertThat(array.get(0)).isEqualTo(api().get("/order_details/103").json());

        JsonNode filtered = api().get("/order_details_mv?status=preparing&user_id=1&limit=1000").json();
        assertThat(ids(filtered)).isEqualTo(
                Fixtures.orderIds(o -> o.userId() == 1 && o.orderStatus().equals("preparing")));
        assertThat(api().get("/order_details_mv").json().size()).isEqualTo(Fixtures.ORDER_COUNT);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("order_id").asLong()));
        return ids;
    }
}
