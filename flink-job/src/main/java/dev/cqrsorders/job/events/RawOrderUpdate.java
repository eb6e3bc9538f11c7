package dev.cqrsorders.job.events;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * An order_updates record as it is on the topic: key and value bytes, where it came from, its Kafka timestamp
 * (milliseconds; negative when it has none). Nothing can fail here.
 */
public record RawOrderUpdate(byte[] key, byte[] value, int partition, long offset, long timestamp) {
    public static final CompactTypeInfo<RawOrderUpdate> TYPE = CompactTypeInfo.of(RawOrderUpdate.class, Serializer::new);

    /** The Kafka source's deserializer: bytes only, so no record a producer writes can fail the source. */
    public static final class KafkaDeserializer implements KafkaRecordDeserializationSchema<RawOrderUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawOrderUpdate> out) {
            out.collect(new RawOrderUpdate(record.key(), record.value(), record.partition(), record.offset(),
                    record.timestamp()));
        }

        @Override
        public TypeInformation<RawOrderUpdate> getProducedType() {
            return TYPE;
        }
    }

    /** Format 2: with the timestamp. */
    @CompactSerializer.Format(2)
    public static final class Serializer extends CompactSerializer<RawOrderUpdate> {
        @Override
        public void write(RawOrderUpdate r, DataOutputView out) throws IOException {
            writeBytes(r.key(), out);
            writeBytes(r.value(), out);
            out.writeInt(r.partition());
            out.writeLong(r.offset());
            out.writeLong(r.timestamp());
        }

        @Override
        public RawOrderUpdate read(DataInputView in) throws IOException {
            return new RawOrderUpdate(readBytes(in), readBytes(in), in.readInt(), in.readLong(), in.readLong());
        }
    }
}
