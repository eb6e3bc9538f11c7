package dev.cqrsorders.job.events;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An order_updates record that failed the contract check, for order_updates_dlq: the original key and value bytes,
 * and headers saying why and where from ({@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition},
 * {@code dlq.offset}), as Kafka Connect's dead-letter queues do.
 */
public record DeadLetter(RawOrderUpdate record, String reason, String topic) {
    public static final CompactTypeInfo<DeadLetter> TYPE = CompactTypeInfo.of(DeadLetter.class, Serializer::new);

    /** Room a record's framing (batch and record headers, varints) takes beyond its key, value and headers. */
    public static final int FRAMING_BYTES = 1024;
    /** A reason is a sentence; a longer one (e.g. quoting a huge token) is cut here. */
    static final int MAX_REASON_CHARS = 1000;
    private static final String TRUNCATED = "dlq.truncated";

    /**
     * The Kafka sink's serializer: the record as it was, the reason in headers. A record larger than
     * {@code maxRecordBytes} (key, value and headers) could never be written, and retrying it would stop the job:
     * it keeps the start of its value and says how long the value was ({@code dlq.truncated}).
     */
    public record KafkaSerializer(String dlqTopic, int maxRecordBytes) implements KafkaRecordSerializationSchema<DeadLetter> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            String reason = letter.reason().length() <= MAX_REASON_CHARS ? letter.reason()
                    : letter.reason().substring(0, MAX_REASON_CHARS) + "…";
            RecordHeaders headers = new RecordHeaders();
            headers.add("dlq.reason", bytes(reason));
            headers.add("dlq.topic", bytes(letter.topic()));
            headers.add("dlq.partition", bytes(Integer.toString(letter.record().partition())));
            headers.add("dlq.offset", bytes(Long.toString(letter.record().offset())));
            byte[] key = letter.record().key();
            byte[] value = letter.record().value();
            int size = length(key) + length(value);
            for (Header h : headers) {
                size += h.key().length() + h.value().length;
            }
            if (size > maxRecordBytes && value != null) {
                byte[] truncated = bytes(Integer.toString(value.length));
                int keep = Math.max(0, value.length - (size - maxRecordBytes) - TRUNCATED.length() - truncated.length);
                headers.add(TRUNCATED, truncated);
                value = Arrays.copyOf(value, keep);
            }
            return new ProducerRecord<>(dlqTopic, null, null, key, value, headers);
        }

        private static int length(byte[] bytes) {
            return bytes == null ? 0 : bytes.length;
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Format 2: the record with its timestamp. */
    @CompactSerializer.Format(2)
    public static final class Serializer extends CompactSerializer<DeadLetter> {
        private static final RawOrderUpdate.Serializer RECORD = new RawOrderUpdate.Serializer();

        @Override
        public void write(DeadLetter d, DataOutputView out) throws IOException {
            RECORD.write(d.record(), out);
            writeString(d.reason(), out);
            writeString(d.topic(), out);
        }

        @Override
        public DeadLetter read(DataInputView in) throws IOException {
            return new DeadLetter(RECORD.read(in), readString(in), readString(in));
        }
    }
}
