package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.launcher.ProductWiring;
import dev.cqrsorders.launcher.SystemEndpoints;
import dev.cqrsorders.servers.ChildProcess;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.JavaCommand;
import dev.cqrsorders.servers.LocalServers;
import dev.cqrsorders.servers.Ports;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The built jars and the local servers, used the way ./run-local.sh uses them. */
final class LocalSystem {
    static final Path JOB_JAR = Path.of("..", "flink-job", "target", "cqrs-orders-flink-job.jar").toAbsolutePath();
    static final Path SEED_JAR = Path.of("..", "seed-data", "target", "seed-data.jar").toAbsolutePath();
    static final Path SQL_DIR = Path.of("..", "sql").toAbsolutePath();
    static final Path API_JAR = Path.of("..", "serving-api", "target", "serving-api-0.1.0-SNAPSHOT.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** serving-api on a free port, the way ./run-local.sh starts it. */
    record ServingApi(ChildProcess process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** Starts serving-api's jar against this stack and waits until /health answers 200. */
    static ServingApi startServingApi(LocalServers stack) {
        int port = Ports.free();
        String url = "http://" + Ports.LOOPBACK + ":" + port;
        ChildProcess process = ChildProcess.start("serving-api", List.of(JavaCommand.javaBinary(), "-Xmx256m", "-jar",
                API_JAR.toString()), stack.workDir(), stack.workDir().resolve("logs/serving-api-" + port + ".log"),
                ProductWiring.servingApiEnvironment(stack, port));
        await("serving-api healthy").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return new ServingApi(process, url);
    }

    private LocalSystem() {}

    /** Runs the seed-data jar (schema, seed, events ...) and fails with its output if it does not exit 0. */
    static void seedData(LocalServers stack, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-jar", SEED_JAR.toString()));
        command.addAll(List.of(args));
        ChildProcess.start("seed-data " + args[0], command, stack.workDir(),
                stack.workDir().resolve("logs/seed-data-" + args[0] + "-" + System.nanoTime() + ".log"),
                ProductWiring.seedDataEnvironment(stack)).awaitSuccess(600);
    }

    /** The shop schema and {@code users} users with {@code orders} orders more; returns how many orders MySQL holds. */
    static long seedShop(LocalServers stack, int users, int orders, int seed) throws Exception {
        seedData(stack, "schema");
        seedData(stack, "seed", "--users", Integer.toString(users), "--orders", Integer.toString(orders),
                "--seed", Integer.toString(seed));
        try (Connection mysql = stack.mariaDb().connectAsApp("shop")) {
            return count(mysql, "SELECT COUNT(*) FROM orders");
        }
    }

    /** Uploads the real job jar and runs it with the dashboard's request body; returns the job id once RUNNING. */
    static String submitJob(LocalServers stack) {
        return submitJob(stack, null);
    }

    /** The same, restoring the job's state from a savepoint or retained checkpoint (null: without state). */
    static String submitJob(LocalServers stack, String savepointPath) {
        FlinkRestClient rest = new FlinkRestClient(stack.flink().restUrl());
        String jarId = rest.uploadJar(JOB_JAR);
        String jobId = rest.runJar(jarId, ProductWiring.JOB_CLASS, 2, ProductWiring.jobArguments(stack, Duration.ofSeconds(2)),
                savepointPath);
        rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(120));
        return jobId;
    }

    /** One order_updates event as the contract defines it, sent and acknowledged. */
    static void sendOrderUpdate(LocalServers stack, String eventId, long orderId, String status, Instant eventTime)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), new StringSerializer(), new StringSerializer())) {
            String event = new ObjectMapper().writeValueAsString(Map.of("event_id", eventId, "order_id", orderId,
                    "status", status, "source", "system-tests", "event_time", eventTime.toString()));
            producer.send(new ProducerRecord<>("order_updates", Long.toString(orderId), event)).get();
        }
    }

    static long count(Connection connection, String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection connection, String query) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** endpoints.properties as ./run-local.sh writes it, so ./sql-client.sh's launcher finds this system. */
    static Path writeEndpoints(LocalServers stack, Path dir) {
        SystemEndpoints.of(stack, JOB_JAR).write(dir);
        return dir;
    }
}
