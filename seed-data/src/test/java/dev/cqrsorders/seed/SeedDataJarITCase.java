package dev.cqrsorders.seed;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped artifact: target/seed-data.jar runs on its own (JDBC driver and SLF4J provider found through the
 * merged service files, the schema script read from inside the jar).
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA})
class SeedDataJarITCase {
    private static final Path JAR = Path.of("target", "seed-data.jar");

    @Test
    void helpWorks() throws Exception {
        CliRun run = runJar("--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: seed-data", "schema", "seed", "events");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void createsTheSchemaSeedsAndPublishes(MariaDbServer db, KafkaBroker kafka) throws Exception {
        String topic = "seed_data_jar_" + System.nanoTime();
        kafka.createTopic(topic, 2);

        CliRun schema = runJar(StackArgs.of(db, "schema"));
        CliRun seed = runJar(StackArgs.of(db, "seed", "--users", "10", "--orders", "20"));
        CliRun events = runJar(StackArgs.of(db, kafka, "events", "--count", "50", "--rate", "10000", "--topic", topic));

        for (CliRun run : List.of(schema, seed, events)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).as(run.toString()).doesNotContain("SLF4J", "WARN", "Exception");
        }
        assertThat(schema.out()).contains("ran 01-shop-schema.sql");
        assertThat(seed.out()).contains("seed: inserted 10 users");
        assertThat(events.out()).contains("events: sent 50 records to " + topic);
    }

    @Test
    void aUsageErrorExitsWith2(MariaDbServer db) throws Exception {
        CliRun run = runJar("seed", "--users", "lots");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("seed-data: ");
    }

    @Test
    void defaultsComeFromTheContractsEnvironmentVariables() throws Exception {
        String local = runJar(Map.of(), "events", "--help").out();
        String ports = runJar(Map.of("KAFKA_PORT", "19092", "MYSQL_PORT", "13306", "MYSQL_HOST", "db",
                "MYSQL_ADMIN_USER", "root"), "schema", "--help").out()
                + runJar(Map.of("KAFKA_PORT", "19092"), "events", "--help").out();
        String servers = runJar(Map.of("KAFKA_PORT", "19092", "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092"),
                "events", "--help").out();

        assertThat(local.replaceAll("\\s+", " ")).contains("default: 127.0.0.1:9092", "default: 3306", "default: app");
        assertThat(ports.replaceAll("\\s+", " "))
                .contains("default: 127.0.0.1:19092", "default: 13306", "default: db", "default: root");
        assertThat(servers.replaceAll("\\s+", " ")).contains("default: kafka:29092");
    }

    @Test
    void anExplicitOptionBeatsTheEnvironment(MariaDbServer db) throws Exception {
        CliRun run = runJar(Map.of("MYSQL_HOST", "no-such-host.invalid", "MYSQL_PORT", "1"), StackArgs.of(db, "schema"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private static CliRun runJar(String... args) throws IOException, InterruptedException {
        return runJar(Map.of(), args);
    }

    /** The jar in its own JVM, with none of the contract's MYSQL_ and KAFKA_ variables but {@code env}. */
    private static CliRun runJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar (built in the package phase)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("seed-data-out", ".txt");
        Path err = Files.createTempFile("seed-data-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MYSQL_") || name.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("seed-data.jar " + args[0] + " did not finish within 120 s");
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
