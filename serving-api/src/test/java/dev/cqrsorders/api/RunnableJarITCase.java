package dev.cqrsorders.api;

import dev.cqrsorders.api.support.Api;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.ReadModelDatabase;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.PostgresServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar as operators run it ({@code java -jar serving-api-<version>.jar}), configured only through the
 * documented environment variables.
 */
class RunnableJarITCase {
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final PostgresServer postgres = ReadModelDatabase.shared().postgres();

    @Test
    void postgresPortAloneLocatesTheDatabase() throws Exception {
        Map<String, String> env = Map.of("POSTGRES_PORT", Integer.toString(postgres.port()));
        try (RunningJar jar = RunningJar.start(env, "postgres-port")) {
            assertThat(jar.awaitHealth()).isEqualTo(200);
            Response order = jar.api().get("/order_details/103");
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.json().get("total").asText()).isEqualTo("391.12");
            assertThat(jar.log()).contains("Startup completed in");
        }
    }

    @Test
    void datasourceUrlWinsOverPostgresPort() throws Exception {
        Map<String, String> env = Map.of("POSTGRES_PORT", "1", "DATASOURCE_URL", postgres.jdbcUrl());
        try (RunningJar jar = RunningJar.start(env, "datasource-url")) {
            assertThat(jar.awaitHealth()).isEqualTo(200);
            assertThat(jar.api().get("/users/1").status()).isEqualTo(200);
        }
    }

    @Test
    void wrongCredentialsAreDownAnd503NotAHang() throws Exception {
        Map<String, String> env = Map.of("DATASOURCE_URL", postgres.jdbcUrl(),
                "DATASOURCE_USERNAME", "readmodel_api", "DATASOURCE_PASSWORD", "not-the-password");
        try (RunningJar jar = RunningJar.start(env, "wrong-password")) {
            assertThat(jar.awaitHealth()).isEqualTo(503);
            Response response = jar.api().get("/users/1");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("password");
        }
    }

    /** The jar in its own JVM on a free port; stopped (SIGTERM, then kill) when closed. */
    private record RunningJar(Process process, Api api, Path logFile) implements AutoCloseable {
        static RunningJar start(Map<String, String> settings, String name) throws IOException {
            int port = Ports.free();
            Path jar = Path.of(System.getProperty("serving-api.jar", "target/serving-api-0.1.0-SNAPSHOT.jar"));
            assertThat(jar).exists();
            Path log = Path.of("target", "runnable-jar-" + name + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                    jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("DATASOURCE_") || key.startsWith("API_")
                    || key.equals("POSTGRES_PORT"));
            env.putAll(new HashMap<>(settings));
            env.put("API_PORT", Integer.toString(port));
            env.put("API_HOST", "127.0.0.1");
            return new RunningJar(builder.start(), new Api(URI.create("http://127.0.0.1:" + port + "/")), log);
        }

        /** Polls /health until it answers (any status), within the startup deadline; returns that status. */
        int awaitHealth() throws InterruptedException {
            Instant deadline = Instant.now().plus(STARTUP_DEADLINE);
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("the jar exited early; see " + logFile).isTrue();
                try {
                    return api.get("/health").status();
                } catch (UncheckedIOException notListeningYet) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
            throw new AssertionError("no answer on /health within " + STARTUP_DEADLINE + "; see " + logFile);
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
