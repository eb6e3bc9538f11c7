package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.CliErrors.UserError;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends records to the topic: acks=all with idempotence (no loss, no producer-made duplicates, per-key order
 * kept), lingering a little to batch. Failures are counted, the first one kept for the report.
 */
final class KafkaEventSink implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    KafkaEventSink(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // bounds both the metadata wait (an unreachable broker, a missing topic) and a full send buffer
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        try {
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new UserError("events: cannot use Kafka at " + bootstrapServers + ": " + UserError.reason(e), e);
        }
    }

    /** Fails fast, with one line, when the broker cannot be reached or the topic does not exist. */
    void requireTopic() {
        try {
            producer.partitionsFor(topic);
        } catch (TimeoutException e) {
            throw new UserError("events: cannot reach Kafka at " + bootstrapServers + " or topic " + topic
                    + " does not exist (no metadata within " + timeout.toMillis() + " ms)", e);
        } catch (KafkaException e) {
            throw new UserError("events: Kafka at " + bootstrapServers + ": " + UserError.reason(e), e);
        }
    }

    void send(OutgoingRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, exception) -> {
                if (exception != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, exception);
                }
            });
        } catch (KafkaException e) {
            throw new UserError("events: sending to " + topic + " at " + bootstrapServers + " failed: "
                    + UserError.reason(e), e);
        }
    }

    /** Waits until every record sent so far is acknowledged (or failed). */
    void flush() {
        producer.flush();
    }

    long failures() {
        return failures.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
