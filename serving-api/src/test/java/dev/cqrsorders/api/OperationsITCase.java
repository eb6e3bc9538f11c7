package dev.cqrsorders.api;

import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.ReadModelApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, Prometheus metrics, the OpenAPI document and Swagger UI; nothing else of the management surface. */
@MicronautTest
class OperationsITCase extends ReadModelApiTest {

    @Test
    void healthIsUpWhenPostgresAnswers() {
        Response response = api().get("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
        assertThat(response.body()).doesNotContain("jdbc:");
    }

    @Test
    void prometheusMetricsCoverRequestsAndThePool() {
        assertThat(api().get("/order_details/103").status()).isEqualTo(200);
        assertThat(api().get("/order_details/0").status()).isEqualTo(400);

        Response response = api().get("/prometheus", "text/plain");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/order_details/{order_id}\"")
                .contains("status=\"400\"")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentDescribesEveryEndpoint() {
        Response response = api().get("/swagger/openapi.yml", "*/*");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("openapi: 3.")
                .contains("title: serving-api")
                .contains("  /order_details:\n", "  /order_details/{order_id}:\n", "  /order_details_mv:\n",
                        "  /orders:\n", "  /orders/{order_id}:\n", "  /users:\n", "  /users/{user_id}:\n",
                        "  /addresses:\n", "  /addresses/{address_id}:\n")
                .contains("application/problem+json")
                .contains("next_after:", "order_items_details:", "line_total:", "last_order_update:");
    }

    @Test
    void swaggerUiIsServed() {
        Response response = api().get("/swagger-ui/index.html", "text/html");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).containsIgnoringCase("swagger").contains("openapi.yml");
    }

    @Test
    void otherManagementEndpointsAreNotExposed() {
        for (String path : new String[] {"/beans", "/env", "/loggers", "/routes", "/info", "/threaddump", "/metrics"}) {
            assertThat(api().get(path).status()).as(path).isEqualTo(404);
        }
    }
}
