package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.Fixtures;
import dev.cqrsorders.api.support.ReadModelApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cqrsorders.api.OrderDetailsApiITCase.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /orders}, {@code /users}, {@code /addresses}: the write-model projections, same paging as order_details. */
@MicronautTest
class ProjectionsApiITCase extends ReadModelApiTest {

    @Test
    void oneOrderOfTheProjection() {
        Response response = api().get("/orders/" + Fixtures.GOLDEN_ORDER);
        assertThat(response.status()).isEqualTo(200);
        JsonNode order = response.json();
        assertThat(fieldNames(order)).containsExactly("order_id", "user_id", "address_id", "total", "status",
                "order_date", "updated_at");
        assertThat(order.get("order_id").asLong()).isEqualTo(103);
        assertThat(order.get("user_id").asLong()).isEqualTo(1);
        assertThat(order.get("address_id").asLong()).isEqualTo(11);
        assertThat(order.get("total").isTextual()).isTrue();
        assertThat(order.get("total").asText()).isEqualTo("391.12");
        assertThat(order.get("status").asText()).isEqualTo(Fixtures.orders().get(0).ownStatus());
        assertThat(order.get("order_date").asText()).isEqualTo("2026-05-01T10:00:43.250Z");
        assertThat(order.get("updated_at").asText()).isEqualTo("2026-05-02T08:00:00.000Z");

        JsonNode bare = api().get("/orders/" + Fixtures.BARE_ORDER).json();
        assertThat(bare.get("address_id").isNull()).isTrue();
        assertThat(bare.get("total").asText()).isEqualTo("5.00");
    }

    @Test
    void ordersPageWithFilters() {
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = api().get("/orders?limit=10" + after).json();
            assertThat(fieldNames(body)).containsExactly("orders", "next_after");
            sizes.add(body.get("orders").size());
            body.get("orders").forEach(o -> seen.add(o.get("order_id").asLong()));
            if (body.get("next_after").isNull()) {
                break;
            }
            after = "&after=" + body.get("next_after").asLong();
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).isEqualTo(Fixtures.orderIds(o -> true));

        for (String status : Fixtures.STATUSES) {
            JsonNode body = api().get("/orders?status=" + status).json();
            assertThat(ids(body.get("orders"), "order_id")).as(status)
                    .isEqualTo(Fixtures.orderIds(o -> o.ownStatus().equals(status)));
        }
        JsonNode byUser = api().get("/orders?user_id=3").json();
        assertThat(ids(byUser.get("orders"), "order_id")).isEqualTo(Fixtures.orderIds(o -> o.userId() == 3));
        String status = Fixtures.orders().get(3).ownStatus();
        long user = Fixtures.orders().get(3).userId();
        JsonNode both = api().get("/orders?user_id=" + user + "&status=" + status).json();
        assertThat(ids(both.get("orders"), "order_id")).isNotEmpty()
                .isEqualTo(Fixtures.orderIds(o -> o.userId() == user && o.ownStatus().equals(status)));
    }

    @Test
    void usersOneAndPaged() {
        JsonNode ada = api().get("/users/1").json();
        assertThat(fieldNames(ada)).containsExactly("user_id", "name", "email", "phone", "created_at", "updated_at");
        assertThat(ada.get("user_id").asLong()).isEqualTo(1);
        assertThat(ada.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(ada.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(ada.get("phone").asText()).isEqualTo("+1 555 0101");
        assertThat(ada.get("created_at").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(ada.get("updated_at").asText()).isEqualTo("2026-02-03T04:05:06.000Z");
        assertThat(api().get("/users/2").json().get("phone").isNull()).isTrue();

        JsonNode first = api().get("/users?limit=2").json();
        assertThat(fieldNames(first)).containsExactly("users", "next_after");
        assertThat(ids(first.get("users"), "user_id")).containsExactly(1L, 2L);
        assertThat(first.get("next_after").asLong()).isEqualTo(2);
        JsonNode second = api().get("/users?limit=2&after=2").json();
        assertThat(ids(second.get("users"), "user_id")).containsExactly(3L);
        assertThat(second.get("next_after").isNull()).isTrue();
    }

    @Test
    void addressesOneFilteredAndPaged() {
        JsonNode address = api().get("/addresses/21").json();
        assertThat(fieldNames(address)).containsExactly("address_id", "user_id", "street", "city", "state",
                "postal_code", "country", "created_at");
        assertThat(address.get("user_id").asLong()).isEqualTo(2);
        assertThat(address.get("street").asText()).isEqualTo("3 Elm St");
        assertThat(address.get("postal_code").asText()).isEqualTo("02108");
        assertThat(address.get("created_at").asText()).isEqualTo("2026-01-07T00:00:00.500Z");

        JsonNode all = api().get("/addresses").json();
        assertThat(fieldNames(all)).containsExactly("addresses", "next_after");
        assertThat(ids(all.get("addresses"), "address_id")).containsExactly(11L, 12L, 21L);
        assertThat(all.get("next_after").isNull()).isTrue();

        JsonNode ada = api().get("/addresses?user_id=1&limit=1").json();
        assertThat(ids(ada.get("addresses"), "address_id")).containsExactly(11L);
        assertThat(ada.get("next_after").asLong()).isEqualTo(11);
        JsonNode adaNext = api().get("/addresses?user_id=1&limit=1&after=11").json();
        assertThat(ids(adaNext.get("addresses"), "address_id")).containsExactly(12L);
        assertThat(adaNext.get("next_after").isNull()).isTrue();
        assertThat(api().get("/addresses?user_id=3").json().get("addresses").size()).isZero();
    }

    private static List<Long> ids(JsonNode rows, String field) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get(field).asLong()));
        return ids;
    }
}
