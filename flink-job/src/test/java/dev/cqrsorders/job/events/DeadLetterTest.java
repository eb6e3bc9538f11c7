package dev.cqrsorders.job.events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {
    private static final DeadLetter.KafkaSerializer SERIALIZER = new DeadLetter.KafkaSerializer("dlq", 1000);

    @Test
    void aRecordThatFitsKeepsItsBytesAndSaysWhy() {
        ProducerRecord<byte[], byte[]> out = serialize(bytes(300), "not JSON");

        assertThat(out.topic()).isEqualTo("dlq");
        assertThat(out.key()).isEqualTo("7".getBytes(StandardCharsets.UTF_8));
        assertThat(out.value()).isEqualTo(bytes(300));
        assertThat(header(out, "dlq.reason")).isEqualTo("not JSON");
        assertThat(header(out, "dlq.topic")).isEqualTo("order_updates");
        assertThat(header(out, "dlq.partition")).isEqualTo("3");
        assertThat(header(out, "dlq.offset")).isEqualTo("42");
        assertThat(header(out, "dlq.truncated")).isNull();
    }

    @Test
    void aRecordTooLargeForTheTopicKeepsTheStartOfItsValueAndItsLength() {
        ProducerRecord<byte[], byte[]> out = serialize(bytes(5000), "not JSON");

        assertThat(header(out, "dlq.truncated")).isEqualTo("5000");
        assertThat(size(out)).isLessThanOrEqualTo(1000);
        assertThat(out.value()).isEqualTo(Arrays.copyOf(bytes(5000), out.value().length));
        assertThat(out.value().length).isGreaterThan(900);
    }

    @Test
    void aLongReasonIsCut() {
        ProducerRecord<byte[], byte[]> out = new DeadLetter.KafkaSerializer("dlq", 1 << 20)
                .serialize(letter(bytes(10), "r".repeat(5000)), null, null);

        assertThat(header(out, "dlq.reason")).hasSize(DeadLetter.MAX_REASON_CHARS + 1).endsWith("…");
    }

    private static ProducerRecord<byte[], byte[]> serialize(byte[] value, String reason) {
        return SERIALIZER.serialize(letter(value, reason), null, null);
    }

    private static DeadLetter letter(byte[] value, String reason) {
        return new DeadLetter(new RawOrderUpdate("7".getBytes(StandardCharsets.UTF_8), value, 3, 42, 1_764_158_400_000L), reason,
                "order_updates");
    }

    private static byte[] bytes(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        return value;
    }

    private static int size(ProducerRecord<byte[], byte[]> record) {
        int size = record.key().length + record.value().length;
        for (Header h : record.headers()) {
            size += h.key().length() + h.value().length;
        }
        return size;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
