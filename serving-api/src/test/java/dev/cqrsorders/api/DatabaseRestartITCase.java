package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.api.support.Fixtures;
import dev.cqrsorders.readmodel.ReadModelSchema;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.WorkDir;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL crashes (an immediate stop) while clients read, and comes back: meanwhile every answer is a 200 or a
 * 503 problem with Retry-After — never another error — and reads succeed again once PostgreSQL is back, without a
 * restart of the API. The time to recover is printed (a figure, not a threshold).
 */
class DatabaseRestartITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPostgresCrashUnderLoadIsOnly503sAndReadsComeBack() throws Exception {
        Path dir = Path.of("target", "database-restart").toAbsolutePath();
        WorkDir.wipe(dir);
        PostgresServer postgres = PostgresServer.start(Ports.free(), dir, Credentials.defaults());
        Credentials c = postgres.credentials();
        ReadModelSchema.migrate(postgres.jdbcUrl(), c.postgresOwner(), c.postgresOwnerPassword());
        try (Connection owner = postgres.connectAsOwner()) {
            Fixtures.load(owner);
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", c.postgresApiUser(),
                "datasources.default.password", c.postgresApiPassword()));
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lastOk = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Thread client = new Thread(() -> read(server.getURI(), running, byStatus, wrong, lastOk), "reader-" + i);
                client.start();
                clients.add(client);
            }
            await().atMost(Duration.ofSeconds(30)).alias("first reads").until(() -> {
                if (!wrong.isEmpty()) {
                    throw new AssertionError("wrong answers: " + wrong.subList(0, 1));
                }
                return byStatus.containsKey(200) && byStatus.get(200).get() >= 500;
            });

            postgres.stopImmediately();
            await("503s while PostgreSQL is down").atMost(Duration.ofSeconds(30)).until(() -> byStatus.containsKey(503));
            Thread.sleep(3_000); // down for a while, under load
            postgres = postgres.startAgain();
            long back = System.nanoTime();
            long okBefore = lastOk.get();
            await("reads succeed again").atMost(Duration.ofSeconds(60)).until(() -> lastOk.get() > okBefore);
            double recovered = (lastOk.get() - back) / 1e9;
            long okAfter = byStatus.get(200).get();
            await("and keep succeeding").atMost(Duration.ofSeconds(60)).until(() -> byStatus.get(200).get() >= okAfter + 500);
            System.out.printf("PostgreSQL crash under load: answers by status %s; reads succeeded again %.2f s after"
                    + " PostgreSQL was back%n", new TreeMap<>(byStatus), recovered);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
            server.getApplicationContext().close();
            postgres.close();
        }
        assertThat(wrong).isEmpty();
        assertThat(byStatus.keySet()).containsOnly(200, 503);
    }

    private static void read(URI base, AtomicBoolean running, Map<Integer, AtomicLong> byStatus, List<String> wrong,
                             AtomicLong lastOk) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (running.get()) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/order_details?limit=10"))
                    .timeout(Duration.ofSeconds(20)).header("Accept", "application/json").build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 200) {
                    lastOk.set(System.nanoTime());
                } else if (status != 503
                        || response.headers().firstValue("Retry-After").isEmpty()
                        || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        || JSON.readTree(response.body()).path("status").asInt() != 503) {
                    wrong.add(status + " " + response.headers().map() + " " + response.body());
                }
            } catch (Exception e) {
                wrong.add("no answer: " + e);
            }
        }
    }
}
