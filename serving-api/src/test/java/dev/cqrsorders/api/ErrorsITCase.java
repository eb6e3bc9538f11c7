package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.ReadModelApiTest;
import dev.cqrsorders.api.support.ReadModelDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client error is problem+json with status, title and a detail naming the parameter; never a 500. */
@MicronautTest
class ErrorsITCase extends ReadModelApiTest {

    @ParameterizedTest(name = "{0} -> 400 ({1})")
    @CsvSource(delimiter = '|', value = {
            "/order_details/abc                  | order_id must be a positive integer id (1 to 9223372036854775807), got 'abc'",
            "/order_details/0                    | order_id must be a positive integer id",
            "/order_details/-5                   | order_id must be a positive integer id (1 to 9223372036854775807), got '-5'",
            "/order_details/1.5                  | order_id must be a positive integer id",
            "/order_details/99999999999999999999 | order_id must be a positive integer id (1 to 9223372036854775807), got '99999999999999999999'",
            "/orders/x                           | order_id must be a positive integer id",
            "/users/0                            | user_id must be a positive integer id",
            "/addresses/-1                       | address_id must be a positive integer id",
            "/order_details?limit=0              | limit must be an integer from 1 to 1000, got '0'",
            "/order_details?limit=1001           | limit must be an integer from 1 to 1000, got '1001'",
            "/order_details?limit=-3             | limit must be an integer from 1 to 1000",
            "/order_details?limit=ten            | limit must be an integer from 1 to 1000, got 'ten'",
            "/order_details_mv?limit=5000        | limit must be an integer from 1 to 1000",
            "/orders?limit=abc                   | limit must be an integer from 1 to 1000",
            "/users?limit=0                      | limit must be an integer from 1 to 1000",
            "/addresses?limit=2000               | limit must be an integer from 1 to 1000",
            "/order_details?status=shipped       | status must be one of created, received, preparing, ready, picked_up, delivered, cancelled, got 'shipped'",
            "/order_details?status=PREPARING     | status must be one of created, received, preparing, ready, picked_up, delivered, cancelled, got 'PREPARING'",
            "/order_details_mv?status=lost       | status must be one of created",
            "/orders?status=bogus                | status must be one of created",
            "/order_details?after=abc            | after must be a non-negative integer",
            "/order_details?after=-1             | after must be a non-negative integer",
            "/order_details_mv?after=x           | after must be a non-negative integer",
            "/users?after=-7                     | after must be a non-negative integer (the last id of the previous page), got '-7'",
            "/addresses?after=1e3                | after must be a non-negative integer (the last id of the previous page), got '1e3'",
            "/order_details?user_id=abc          | user_id must be a positive integer id",
            "/order_details?user_id=0            | user_id must be a positive integer id",
            "/order_details_mv?user_id=-2        | user_id must be a positive integer id",
            "/orders?user_id=1%3BDROP            | user_id must be a positive integer id (1 to 9223372036854775807), got '1;DROP'",
            "/addresses?user_id=%27%20OR%201=1   | user_id must be a positive integer id",
    })
    void badParameterIs400(String path, String detail) {
        Response response = api().get(path.trim());

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = assertProblem(response, 400, "Bad Request");
        assertThat(problem.get("detail").asText()).contains(detail.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/order_details?status=&user_id=&limit=&after=, /order_details",
            "/order_details_mv?status=&user_id=&limit=&after=, /order_details_mv",
            "/orders?status=&user_id=&limit=&after=, /orders",
            "/users?limit=&after=, /users",
            "/addresses?user_id=&limit=&after=, /addresses",
    })
    void aBlankParameterIsAnAbsentOne(String blank, String none) {
        Response response = api().get(blank);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(api().get(none).body());
    }

    @ParameterizedTest(name = "{0} -> 404")
    @CsvSource(delimiter = '|', value = {
            "/order_details/999999 | no order with order_id 999999",
            "/orders/104           | no order with order_id 104",
            "/users/4              | no user with user_id 4",
            "/addresses/13         | no address with address_id 13",
            "/no/such/path         | no resource at /no/such/path",
            "/order_detail         | no resource at /order_detail",
            "/order_details/1/items | no resource at /order_details/1/items",
    })
    void unknownIdOrPathIs404(String path, String detail) {
        Response response = api().get(path.trim());

        JsonNode problem = assertProblem(response, 404, "Not Found");
        assertThat(problem.get("detail").asText()).isEqualTo(detail.trim());
    }

    @ParameterizedTest(name = "{0} accepting {1} -> problem+json")
    @CsvSource(delimiter = '|', value = {
            "/no/such/path         | text/html",
            "/order_details?limit=0 | text/html",
            "/order_details/0      | */*",
    })
    void problemsAreJsonWhateverTheClientAccepts(String path, String accept) {
        Response response = api().get(path.trim(), accept.trim());

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
    }

    @ParameterizedTest(name = "{0} {1} -> 405")
    @CsvSource(delimiter = '|', value = {
            "POST   | /order_details",
            "PUT    | /order_details/103",
            "DELETE | /users/1",
    })
    void writesAreNotAllowed(String method, String path) {
        Response response = api().send(method.trim(), path.trim(), "application/json");

        assertProblem(response, 405, "Method Not Allowed");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500() throws Exception {
        try (Connection owner = ReadModelDatabase.shared().connectAsOwner(); Statement s = owner.createStatement()) {
            s.execute("INSERT INTO order_details VALUES (9001, 1, NULL, NULL, NULL, NULL, NULL, 1, now(), 'created',"
                    + " now(), 1, 1, 'x', '[{\"item_id\": \"not a number\"}]')");
            try {
                Response response = api().get("/order_details/9001");

                JsonNode problem = assertProblem(response, 500, "Internal Server Error");
                assertThat(problem.get("detail").asText()).isEqualTo("the server failed to answer this request");
            } finally {
                s.execute("DELETE FROM order_details WHERE order_id = 9001");
            }
        }
    }

    static JsonNode assertProblem(Response response, int status, String title) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isEqualTo(title);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertNoInternals(response.body());
        return problem;
    }

    /** No stack trace, exception class, SQL or driver text in a response. */
    static void assertNoInternals(String body) {
        assertThat(body).doesNotContainIgnoringCase("exception")
                .doesNotContain("\tat ")
                .doesNotContain("at dev.cqrsorders")
                .doesNotContain("at io.micronaut")
                .doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("postgresql")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("sqlstate")
                .doesNotContainIgnoringCase("hikari");
    }
}
