package dev.cqrsorders.system;

import dev.cqrsorders.job.it.RandomHistory;
import dev.cqrsorders.job.it.ReadModelOracle;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.LocalServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The expected read model rebuilt from the sources of truth — MySQL's four tables as they are now and the whole
 * order_updates topic read again — with the contract's rules in plain Java ({@link ReadModelOracle}), and compared
 * with PostgreSQL and the dead-letter topic.
 */
final class SourcesOfTruth {

    /** What differs; every count 0 means the read model and the DLQ are exactly right. */
    record Comparison(int rows, int lost, int extra, int wrong, int deadLetters, int dlqMissing, int dlqWrong,
                      int dlqDuplicates, int unknownRecords, Map<Long, String> sample, Set<Long> existingOrders) {
        @Override
        public String toString() {
            return "rows " + rows + ": lost " + lost + ", extra " + extra + ", wrong " + wrong + "; dead letters "
                    + deadLetters + ": missing " + dlqMissing + ", wrong " + dlqWrong + ", duplicates " + dlqDuplicates
                    + "; unknown records " + unknownRecords + (sample.isEmpty() ? "" : "; e.g. " + sample);
        }

        boolean exact() {
            return lost == 0 && extra == 0 && wrong == 0 && dlqMissing == 0 && dlqWrong == 0 && unknownRecords == 0;
        }
    }

    private SourcesOfTruth() {}

    static Comparison compare(LocalServers stack, ShopWorkload workload) throws SQLException {
        Map<Long, RandomHistory.User> users = new HashMap<>();
        Map<Long, RandomHistory.Address> addresses = new HashMap<>();
        List<RandomHistory.Order> orders = new ArrayList<>();
        List<RandomHistory.Item> items = new ArrayList<>();
        try (Connection c = stack.mariaDb().connectAsAdmin("shop"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one consistent view of all tables
            query(s, "SELECT user_id, name, email, phone FROM users", rs -> users.put(rs.getLong(1),
                    new RandomHistory.User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))));
            query(s, "SELECT address_id, user_id, street, city, state, postal_code, country FROM addresses",
                    rs -> addresses.put(rs.getLong(1), new RandomHistory.Address(rs.getLong(1), rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
            query(s, "SELECT order_id, user_id, address_id, total, status, order_date, updated_at FROM orders",
                    rs -> orders.add(new RandomHistory.Order(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class),
                            rs.getBigDecimal(4), rs.getString(5), rs.getObject(6, LocalDateTime.class),
                            rs.getObject(7, LocalDateTime.class))));
            query(s, "SELECT item_id, order_id, product_name, quantity, price FROM order_items",
                    rs -> items.add(new RandomHistory.Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                            rs.getBigDecimal(5))));
            c.commit();
        }

        List<RandomHistory.Event> events = new ArrayList<>();
        Map<String, byte[]> expectedDeadLetters = new LinkedHashMap<>(); // "partition/offset" -> original value
        int[] unknown = {0};
        readAll(stack, KafkaBroker.ORDER_UPDATES, record -> {
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            RandomHistory.Event event = value == null ? null : workload.validValues.get(value);
            if (event != null) {
                events.add(event);
            } else if (value != null && workload.malformedValues.contains(value)) {
                expectedDeadLetters.put(record.partition() + "/" + record.offset(), record.value());
            } else {
                unknown[0]++;
            }
        });
        Map<String, Integer> seen = new HashMap<>();
        int[] wrongLetters = {0};
        int[] letters = {0};
        readAll(stack, KafkaBroker.ORDER_UPDATES_DLQ, record -> {
            letters[0]++;
            String at = header(record, "dlq.partition") + "/" + header(record, "dlq.offset");
            byte[] original = expectedDeadLetters.get(at);
            if (original == null || !java.util.Arrays.equals(original, record.value())
                    || header(record, "dlq.reason") == null) {
                wrongLetters[0]++;
            } else {
                seen.merge(at, 1, Integer::sum);
            }
        });
        int missing = (int) expectedDeadLetters.keySet().stream().filter(at -> !seen.containsKey(at)).count();
        int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();

        Map<Long, Map<String, String>> expected = ReadModelOracle.orderDetails(users, addresses, orders, items, events);
        Map<Long, Map<String, String>> actual;
        try (Connection pg = stack.postgres().connectAsApi()) {
            actual = ReadModelOracle.readOrderDetails(pg);
        }
        int lost = 0;
        int extra = 0;
        int wrong = 0;
        for (Map.Entry<Long, Map<String, String>> row : expected.entrySet()) {
            Map<String, String> found = actual.get(row.getKey());
            if (found == null) {
                lost++;
            } else if (!Objects.equals(found, row.getValue())) {
                wrong++;
            }
        }
        for (Long id : actual.keySet()) {
            if (!expected.containsKey(id)) {
                extra++;
            }
        }
        return new Comparison(expected.size(), lost, extra, wrong, letters[0], missing, wrongLetters[0], duplicates,
                unknown[0], ReadModelOracle.differences(expected, actual), Set.copyOf(expected.keySet()));
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Statement s, String sql, RowReader reader) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    /** Every record of the topic, from the beginning to its end offsets now. */
    private static void readAll(LocalServers stack, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                // the dead letters are written in transactions: only committed ones count
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
