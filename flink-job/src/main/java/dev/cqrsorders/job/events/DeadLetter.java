package dev.cqrsorders.job.events;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An order_updates record that failed the contract check, for order_updates_dlq: the original key and value bytes,
 * and headers saying why and where from ({@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition},
 * {@code dlq.offset}), as Kafka Connect's dead-letter queues do.
 */
public record DeadLetter(RawOrderUpdate record, String reason, String topic) {
    public static final CompactTypeInfo<DeadLetter> TYPE = CompactTypeInfo.of(Serializer::new);

    /** The Kafka sink's serializer: the record as it was, the reason in headers. */
    public static final class KafkaSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final String dlqTopic;

        public KafkaSerializer(String dlqTopic) {
            this.dlqTopic = dlqTopic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("dlq.reason", bytes(letter.reason()));
            headers.add("dlq.topic", bytes(letter.topic()));
            headers.add("dlq.partition", bytes(Integer.toString(letter.record().partition())));
            headers.add("dlq.offset", bytes(Long.toString(letter.record().offset())));
            return new ProducerRecord<>(dlqTopic, null, null, letter.record().key(), letter.record().value(), headers);
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static final class Serializer extends CompactSerializer<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private static final RawOrderUpdate.Serializer RECORD = new RawOrderUpdate.Serializer();

        public Serializer() {
            super(DeadLetter.class);
        }

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
