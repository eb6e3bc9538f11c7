package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.Api;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.servers.Ports;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application pointed at a port where no PostgreSQL listens: it still starts, every data endpoint answers 503
 * problem+json within a bounded time (the pool's connection timeout), /health is DOWN, and bad input is still a 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseDownITCase {
    /** connection-timeout (2.5 s) plus generous slack for a loaded 2-core machine; a hang would take far longer. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    private EmbeddedServer server;
    private Api api;

    @BeforeAll
    void startAgainstAClosedPort() {
        int closedPort = Ports.free();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/readmodel",
                "datasources.default.username", "readmodel_api",
                "datasources.default.password", "readmodel_api"));
        api = new Api(server.getURI());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void dataEndpointsAnswer503ProblemWithinTheBound() throws Exception {
        List<String> paths = List.of("/order_details/1", "/order_details", "/order_details_mv", "/orders",
                "/orders/1", "/users", "/users/1", "/addresses", "/addresses/1");
        ExecutorService clients = Executors.newFixedThreadPool(paths.size());
        try {
            List<Future<Timed>> calls = new ArrayList<>();
            for (String path : paths) {
                calls.add(clients.submit(() -> timed(path)));
            }
            for (Future<Timed> call : calls) {
                assertUnavailable(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private record Timed(String path, Response response, Duration took) {}

    private Timed timed(String path) {
        long start = System.nanoTime();
        Response response = api.get(path);
        return new Timed(path, response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void assertUnavailable(Timed call) {
        String path = call.path();
        Response response = call.response();
        assertThat(call.took()).as(path).isLessThan(BOUND);
        assertThat(response.status()).as(path).isEqualTo(503);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("refused");
        ErrorsITCase.assertNoInternals(response.body());
    }

    @Test
    void healthIsDownWithinTheBound() {
        long start = System.nanoTime();
        Response response = api.get("/health");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(BOUND);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("status").asText()).isEqualTo("DOWN");
        ErrorsITCase.assertNoInternals(response.body());
    }

    @Test
    void badInputIsStillA400() {
        Response response = api.get("/order_details?limit=0");
        assertThat(response.status()).isEqualTo(400);
    }
}
