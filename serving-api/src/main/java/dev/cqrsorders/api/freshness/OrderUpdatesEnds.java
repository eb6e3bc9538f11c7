package dev.cqrsorders.api.freshness;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What order_updates holds beyond what the read model applied, asked of the broker itself: per partition the end
 * offset, and the Kafka timestamp of the first record not applied yet. Blank bootstrap servers: not asked.
 */
@Singleton
public class OrderUpdatesEnds implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** A partition's next offset to apply, its end offset, and the timestamp at the next offset (null: none or unread). */
    public record PartitionEnd(int partition, long next, long end, Long nextTimestamp) {}

    private final String bootstrapServers;
    private final String topic;
    private KafkaConsumer<byte[], byte[]> consumer;

    public OrderUpdatesEnds(@Value("${cqrs-orders.freshness.kafka-bootstrap-servers}") String bootstrapServers,
                            @Value("${cqrs-orders.freshness.topic}") String topic) {
        this.bootstrapServers = bootstrapServers.trim();
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public boolean configured() {
        return !bootstrapServers.isEmpty();
    }

    /** {@code nextByPartition}: the first offset the read model has not applied, per partition (absent: 0). */
    public synchronized List<PartitionEnd> ends(Map<Integer, Long> nextByPartition) {
        KafkaConsumer<byte[], byte[]> c = consumer();
        List<TopicPartition> partitions = c.partitionsFor(topic, TIMEOUT).stream()
                .map(PartitionInfo::partition).sorted().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long next = nextByPartition.getOrDefault(tp.partition(), 0L);
            if (next < ends.get(tp)) {
                behind.put(tp, next);
            }
        }
        Map<TopicPartition, Long> timestamps = timestampsAt(c, behind);
        return partitions.stream().map(tp -> new PartitionEnd(tp.partition(),
                nextByPartition.getOrDefault(tp.partition(), 0L), ends.get(tp), timestamps.get(tp))).toList();
    }

    /** The timestamp of the record at each offset (or the first one after it, if it is gone). */
    private static Map<TopicPartition, Long> timestampsAt(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        if (offsets.isEmpty()) {
            return timestamps;
        }
        c.assign(offsets.keySet());
        offsets.forEach(c::seek);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (timestamps.size() < offsets.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (timestamps.putIfAbsent(tp, r.timestamp()) == null) {
                        c.pause(Set.of(tp));
                    }
                }
            }
        } finally {
            c.assign(List.of());
        }
        return timestamps;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties p = new Properties();
            p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "serving-api-freshness");
            p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
            p.setProperty(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
            p.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
            p.setProperty(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
            p.setProperty(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
            consumer = null;
        }
    }
}
