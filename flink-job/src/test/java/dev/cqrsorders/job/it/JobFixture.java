package dev.cqrsorders.job.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cqrsorders.job.JobOptions;
import dev.cqrsorders.job.OrderDetailsJob;
import dev.cqrsorders.job.ReadModelPipeline;
import dev.cqrsorders.job.shop.BinlogVersion;
import dev.cqrsorders.readmodel.ReadModelSchema;
import dev.cqrsorders.servers.FlinkRestClient;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.PostgresServer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One isolated read-model pipeline on the shared real servers: its own MySQL database (the repository's schema
 * file), PostgreSQL database (the Flyway migrations), Kafka topics, and the real job (the same SQL files and
 * pipeline as the jar) running on a MiniCluster in the test JVM.
 */
public final class JobFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String name;
    public final MariaDbServer mysql;
    public final KafkaBroker kafka;
    public final PostgresServer postgres;
    private final KafkaProducer<byte[], byte[]> producer;
    private MiniCluster cluster;
    private int startedTaskManagers;
    private JobID jobId;
    private int restPort;
    private FlinkRestClient rest;

    private JobFixture(String name, MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) {
        this.name = name;
        this.mysql = mysql;
        this.kafka = kafka;
        this.postgres = postgres;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    public static JobFixture create(String name, MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        try (Connection c = mysql.connectAsAdmin(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
            // the CDC user reads the shop database only: a test's own database is granted as an operator would
            s.execute("GRANT SELECT ON " + name + ".* TO '" + mysql.credentials().mysqlCdcUser() + "'@'%'");
        }
        // sql/mysql/01-shop-schema.sql as it is, through the MariaDB client, in this test's own database
        String schema = Files.readString(Path.of("..", "sql", "mysql", "01-shop-schema.sql"));
        mysql.runAsRoot(schema.replace("USE shop;", "USE " + name + ";"));
        // with the grants of the read model's roles: the job writes as the DML-only role
        postgres.createReadModelDatabase(name);
        kafka.createTopic(name + "_order_updates", 4);
        kafka.createDeadLetterTopic(name + "_dlq");
        return new JobFixture(name, mysql, kafka, postgres);
    }

    /** A read-model database with the product's roles and grants, migrated as its owner: its JDBC URL. */
    public static String migratedReadModel(PostgresServer postgres, String database) throws Exception {
        postgres.createReadModelDatabase(database);
        String url = postgres.jdbcUrl(database);
        ReadModelSchema.migrate(url, postgres.credentials().postgresOwner(),
                postgres.credentials().postgresOwnerPassword());
        return url;
    }

    public String postgresUrl() {
        return postgres.jdbcUrl(name);
    }

    public Configuration options(String... extra) {
        var c = mysql.credentials();
        List<String> args = new ArrayList<>(List.of(
                "--mysql-host", Ports.LOOPBACK, "--mysql-port", Integer.toString(mysql.port()),
                "--mysql-database", name, "--mysql-cdc-user", c.mysqlCdcUser(), "--mysql-cdc-password", c.mysqlCdcPassword(),
                "--mysql-server-id", serverIds(),
                "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                "--order-updates-topic", name + "_order_updates", "--dlq-topic", name + "_dlq",
                "--kafka-group-id", name, "--dlq-transactional-id-prefix", name + "-dlq",
                "--postgres-url", postgresUrl(), "--postgres-user", c.postgresWriter(),
                "--postgres-password", c.postgresWriterPassword(),
                "--postgres-owner-user", c.postgresOwner(), "--postgres-owner-password", c.postgresOwnerPassword(),
                "--checkpoint-interval", "1s", "--parallelism", "2", "--job-name", name,
                "--checkpoint-dir", Path.of("target", "checkpoints", name).toAbsolutePath().toUri().toString()));
        args.addAll(List.of(extra));
        return JobOptions.fromArgs(args.toArray(String[]::new));
    }

    /** A server-id range of its own per fixture: MySQL drops a replica whose id another one uses. */
    private String serverIds() {
        int base = 7000 + Math.floorMod(name.hashCode(), 400) * 10;
        return base + "-" + (base + 9);
    }

    /** Runs the job as {@code OrderDetailsJob.main} does on a MiniCluster of one TaskManager with 4 slots. */
    public void startJob(String... extraArgs) throws Exception {
        startCluster(1, 4);
        submit(null, extraArgs);
    }

    /**
     * A MiniCluster in this JVM: {@code taskManagers} TaskManagers of {@code slots} slots each, and the REST API (for
     * metrics). {@link #restartTaskManager()} takes one away and starts another, as a supervisor would.
     */
    public void startCluster(int taskManagers, int slots) throws Exception {
        Configuration conf = new Configuration();
        restPort = Ports.free();
        conf.setString("rest.bind-address", Ports.LOOPBACK);
        conf.setString("rest.address", Ports.LOOPBACK);
        conf.setString("rest.port", Integer.toString(restPort));
        rest = new FlinkRestClient("http://" + Ports.LOOPBACK + ":" + restPort);
        conf.setString("metrics.fetcher.update-interval", "500 ms");
        conf.setString("taskmanager.memory.managed.size", "128m");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(taskManagers).setNumSlotsPerTaskManager(slots).build());
        cluster.start();
        startedTaskManagers = taskManagers;
    }

    /**
     * Submits the job as {@code OrderDetailsJob.main} builds it, restoring {@code savepoint} unless it is null, and
     * waits until it runs.
     */
    public void submit(String savepoint, String... extraArgs) throws Exception {
        Configuration options = options(extraArgs);
        ReadModelSchema.migrate(options.get(JobOptions.POSTGRES_URL), options.get(JobOptions.POSTGRES_OWNER_USER),
                options.get(JobOptions.POSTGRES_OWNER_PASSWORD));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        OrderDetailsJob.configure(env, options);
        ReadModelPipeline.build(env, options, BinlogVersion.current(options));
        var streamGraph = env.getStreamGraph();
        streamGraph.setJobName(name);
        JobGraph graph = streamGraph.getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        jobId = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        await().atMost(Duration.ofSeconds(60)).until(() -> jobStatus() == JobStatus.RUNNING);
    }

    /** The savepoint or checkpoint the running job restored its state from ("" when it started without). */
    public String restoredFrom() {
        return rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored").path("external_path")
                .asText("");
    }

    /** Whether every task of the job runs (a savepoint needs them all; RUNNING is the job's state alone). */
    public boolean allTasksRunning() {
        JsonNode vertices = rest.get("/jobs/" + jobId).path("vertices");
        for (JsonNode vertex : vertices) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return !vertices.isEmpty();
    }

    /** Stops the job with a savepoint in the canonical format (any backend, any parallelism restores it). */
    public String stopWithSavepoint() throws Exception {
        await("every task running").atMost(Duration.ofSeconds(60)).until(this::allTasksRunning);
        String dir = Path.of("target", "savepoints", name).toAbsolutePath().toUri().toString();
        String path = cluster.stopWithSavepoint(jobId, dir, false, SavepointFormatType.CANONICAL)
                .get(120, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> jobStatus().isGloballyTerminalState());
        return path;
    }

    public JobStatus jobStatus() throws Exception {
        return cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
    }

    /** How often the job has restarted (its numRestarts metric on the REST API). */
    public long restarts() {
        return rest.restarts(jobId.toHexString());
    }

    /** Kills the TaskManager (its tasks fail at once) and starts a new one: the job restores its last checkpoint. */
    public void restartTaskManager() throws Exception {
        // the MiniCluster keeps terminated TaskManagers in its list: the last started one is running
        cluster.terminateTaskManager(startedTaskManagers - 1).get(60, TimeUnit.SECONDS);
        cluster.startTaskManager();
        startedTaskManagers++;
    }

    /** Waits until order_details equals {@code expected}; when it never does, fails with the orders that differ. */
    public void awaitOrderDetails(Map<Long, Map<String, String>> expected, Duration timeout) {
        AtomicReference<Map<Long, Map<String, String>>> actual = new AtomicReference<>();
        try {
            await("read model converges to the oracle").atMost(timeout).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        actual.set(normalizedOrderDetails());
                        return actual.get().equals(expected);
                    });
        } finally {
            if (actual.get() != null && !actual.get().equals(expected)) {
                assertThat(ReadModelOracle.differences(expected, actual.get())).as("order_details of " + name).isEmpty();
            }
        }
    }

    /** Sum of a user metric (e.g. orderUpdatesInvalid) over all subtasks of all vertices. */
    public long metric(String name) {
        return rest.metricSum(jobId.toHexString(), name);
    }

    /** How many times the job failed and restarted (the REST API's exception history). */
    public int failures() {
        return rest.get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries").size();
    }

    /** The latest completed checkpoint's id (-1 when none yet). */
    public long latestCheckpointId() {
        JsonNode completed = rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        return completed.isMissingNode() || completed.isNull() ? -1 : completed.path("id").asLong();
    }

    /**
     * Waits for a checkpoint to complete after the latest one now; when none does, fails with what the job's REST API
     * says instead (its state, checkpoint counts, last failed checkpoint and root exception).
     */
    public void awaitNextCheckpoint(String alias, Duration timeout) {
        long checkpoint = latestCheckpointId();
        try {
            await(alias).atMost(timeout).until(() -> latestCheckpointId() > checkpoint);
        } catch (ConditionTimeoutException e) {
            JsonNode checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
            throw new AssertionError(alias + ": no checkpoint after " + checkpoint + " within " + timeout
                    + "; job " + rest.jobState(jobId.toHexString()) + ", checkpoint counts " + checkpoints.path("counts")
                    + ", last failed " + checkpoints.path("latest").path("failed")
                    + ", root exception " + rest.exceptions(jobId.toHexString()), e);
        }
    }

    public Connection mysql() throws SQLException {
        return mysql.connectAsAdmin(name);
    }

    public void mysql(String... statements) throws SQLException {
        try (Connection c = mysql(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    public Connection postgres() throws SQLException {
        return java.sql.DriverManager.getConnection(postgresUrl(), postgres.credentials().postgresOwner(),
                postgres.credentials().postgresOwnerPassword());
    }

    public void send(String key, String value) {
        send(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(name + "_order_updates", key, value));
    }

    public void send(int partition, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(name + "_order_updates", partition, key, value));
    }

    public void flush() {
        producer.flush();
    }

    /** order_details rows by order_id, columns by name (jsonb and numbers as text). */
    public Map<Long, Map<String, String>> orderDetails() throws SQLException {
        return rows(ReadModelOracle.ORDER_DETAILS_QUERY, "order_id");
    }

    /** The same, items as canonical JSON: comparable with {@link ReadModelOracle#orderDetails}. */
    public Map<Long, Map<String, String>> normalizedOrderDetails() throws SQLException {
        try (Connection c = postgres()) {
            return ReadModelOracle.readOrderDetails(c);
        }
    }

    public Map<Long, Map<String, String>> rows(String query, String keyColumn) throws SQLException {
        try (Connection c = postgres()) {
            return ReadModelOracle.rows(c, query, keyColumn);
        }
    }

    /** Every record on the dead-letter topic so far (value as text, headers as text). */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(int atLeast) {
        return deadLetters(key -> true, atLeast);
    }

    /** The dead letters whose key (as text, null if none) passes, read from the start until there are {@code atLeast}. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(java.util.function.Predicate<String> key, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, name + "-dlq-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(name + "_dlq"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    if (key.test(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))) {
                        records.add(r);
                    }
                }
                return records.size() >= atLeast;
            });
        }
        return records;
    }

    @Override
    public void close() throws Exception {
        producer.close(Duration.ofSeconds(5));
        if (cluster != null) {
            try {
                cluster.cancelJob(jobId).get(30, TimeUnit.SECONDS);
            } catch (Exception alreadyGone) {
                // the job failed or finished; the test has reported why
            }
            cluster.close();
        }
    }
}
