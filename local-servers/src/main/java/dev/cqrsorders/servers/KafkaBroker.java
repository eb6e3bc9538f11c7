package dev.cqrsorders.servers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), in its own JVM with its own
 * classpath (the 4.x broker clashes with the 3.4 kafka-clients of Flink's connector). The storage is formatted
 * once; topics are created idempotently.
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String ORDER_UPDATES = "order_updates";
    public static final String ORDER_UPDATES_DLQ = "order_updates_dlq";
    /** The dead-letter topic's max.message.bytes: above the job's --dlq-max-record-size (2 MB). */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The single node's id (node.id in its configuration). */
    private static final int NODE_ID = 1;

    private final int port;
    private final ChildProcess process;

    private KafkaBroker(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static KafkaBroker start(int port, Path dir) {
        Ports.requireFree(port, "Kafka");
        int controllerPort = Ports.free();
        try {
            Path config = dir.resolve("config");
            Path data = dir.resolve("data");
            Files.createDirectories(config);
            Path properties = config.resolve("server.properties");
            Files.writeString(properties, serverProperties(port, controllerPort, data));
            Path log4j = config.resolve("log4j2.properties");
            try (InputStream log4jConfig = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
                Files.copy(log4jConfig, log4j, StandardCopyOption.REPLACE_EXISTING);
            }
            String classpath = JavaCommand.recordedClasspath("kafka");
            List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                    "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                    "-Dkafka.logs.dir=" + dir.resolve("logs"), "-Dlog4j2.configurationFile=" + log4j);
            if (!Files.exists(data.resolve("meta.properties"))) {
                // StorageTool.main calls System.exit, so it runs in a JVM of its own too
                ChildProcess.start("kafka-storage-format", JavaCommand.of(classpath, "kafka.tools.StorageTool")
                                .jvm(jvm).args("format", "-t", clusterId(), "-c", properties.toString()).build(),
                        dir, dir.resolve("logs/storage-format.log"), Map.of()).awaitSuccess(120);
            }
            ChildProcess process = ChildProcess.start("kafka", JavaCommand.of(classpath, "kafka.Kafka")
                    .jvm(jvm).args(properties.toString()).build(), dir, dir.resolve("logs/kafka.out"), Map.of());
            Ports.awaitOpen(port, Duration.ofSeconds(90), process);
            KafkaBroker broker = new KafkaBroker(port, process);
            broker.createTopic(ORDER_UPDATES, 4, Map.of("retention.ms", "-1")); // a job without state re-reads it all
            broker.createDeadLetterTopic(ORDER_UPDATES_DLQ);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverProperties(int port, int controllerPort, Path data) {
        return """
                process.roles=broker,controller
                node.id=%4$d
                controller.quorum.voters=%4$d@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=4
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=2
                log.retention.hours=168
                """.formatted(port, controllerPort, data, NODE_ID);
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (what {@code random-uuid} prints). */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * A dead-letter topic (one partition) that takes larger records than the broker's default (1 MB), so that any
     * record of order_updates fits in it with its reason headers (as deploy/kafka/create-topics.sh does).
     */
    public void createDeadLetterTopic(String name) {
        createTopic(name, 1, Map.of("max.message.bytes", Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES)));
    }

    private void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            }
            awaitReady(admin, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The controller acknowledges a new topic before the broker holds it: describing at once can fail with
     * UnknownTopicOrPartition, and a producer that writes before the partitions' logs exist can be refused its first
     * batches and then, with idempotence, be stuck on out-of-order sequence numbers (seen in CI). Returns once every
     * partition has a leader and its log on the broker.
     */
    private static void awaitReady(Admin admin, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
                if (topic.partitions().stream().allMatch(partition -> partition.leader() != null)
                        && logsExist(admin, name, topic.partitions().size())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leader: " + e.getCause().getMessage(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + name + " has partitions without a leader or log after 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static boolean logsExist(Admin admin, String topic, int partitions)
            throws InterruptedException, ExecutionException {
        long found = admin.describeLogDirs(List.of(NODE_ID)).allDescriptions().get().values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .flatMap(dir -> dir.replicaInfos().keySet().stream())
                .filter(partition -> partition.topic().equals(topic))
                .count();
        return found >= partitions;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9} of the broker; the next start recovers its logs. Returns once it has exited. */
    public void kill() {
        process.kill();
    }

    /** The broker started again with the same configuration, ports and data, after {@link #kill()}. */
    public KafkaBroker startAgain() {
        Ports.requireFree(port, "Kafka");
        ChildProcess restarted = process.startAgain();
        Ports.awaitOpen(port, Duration.ofSeconds(90), restarted);
        return new KafkaBroker(port, restarted);
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        process.stop();
    }
}
