package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.CliRun;
import dev.cqrsorders.seed.StackArgs;
import dev.cqrsorders.seed.events.OutgoingRecord.MalformedKind;
import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cqrsorders.seed.ShopQueries.list;
import static dev.cqrsorders.seed.ShopQueries.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@WithLocalServers({Server.MARIADB, Server.KAFKA})
class EventsCommandITCase {

    @BeforeAll
    static void ordersExist(MariaDbServer db) {
        StackArgs.ensureSchema(db);
        CliRun run = CliRun.run(StackArgs.of(db, "seed", "--users", "200", "--orders", "3000", "--seed", "5"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void publishesValidLifecyclesOfTheOrdersInMySql(MariaDbServer db, KafkaBroker kafka) throws SQLException {
        String topic = newTopic(kafka, "valid");
        Set<Long> orderIds = orderIds(db);

        CliRun run = CliRun.run(StackArgs.of(db, kafka, "events", "--count", "10000", "--rate", "1000000",
                "--topic", topic, "--seed", "7"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("events: sent 10000 records to " + topic);
        assertThat(printedCounts(run.out(), "events: valid=")).containsEntry("valid", 10000L)
                .containsEntry("malformed", 0L);
        Map<Long, List<EventContract.Event>> byOrder = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readExactly(kafka, topic, 10000)) {
            EventContract.Event event = EventContract.parse(record.key(), record.value()); // valid, key = order_id
            assertThat(orderIds).contains(event.orderId());
            byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
        }
        byOrder.values().forEach(EventStreamTest::assertLifecyclesInOrder);
        assertThat(byOrder.size()).isGreaterThan(1000);
    }

    @Test
    void injectedRecordsAreWhatTheSummarySays(MariaDbServer db, KafkaBroker kafka) throws SQLException {
        String topic = newTopic(kafka, "injected");
        long highestOrderId = number(db, "SELECT MAX(order_id) FROM orders");

        CliRun run = CliRun.run(StackArgs.of(db, kafka, "events", "--count", "6000", "--rate", "1000000",
                "--topic", topic, "--seed", "9", "--out-of-order", "0.1", "--duplicates", "0.1", "--early", "0.1",
                "--malformed", "0.15"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("events: early order ids start at " + (highestOrderId + 1));
        RecordClassifier classifier = new RecordClassifier(highestOrderId);
        for (ConsumerRecord<String, byte[]> record : TopicReader.readExactly(kafka, topic, 6000)) {
            classifier.classify(record.key(), record.value());
        }
        Map<String, Long> printed = printedCounts(run.out(), "events: valid=");
        for (RecordKind kind : RecordKind.values()) {
            assertThat(classifier.count(kind)).as(kind.label()).isEqualTo(printed.get(kind.label()));
        }
        Map<String, Long> printedMalformed = printedCounts(run.out(), "events: malformed ");
        for (MalformedKind kind : MalformedKind.values()) {
            assertThat(classifier.count(EventContract.Violation.valueOf(kind.name()))).as(kind.label())
                    .isEqualTo(printedMalformed.get(kind.label())).isPositive();
        }
        assertThat(classifier.count(RecordKind.MALFORMED) / 6000.0).isCloseTo(0.15, within(0.03));
        assertThat(classifier.count(RecordKind.DUPLICATE) / 6000.0).isCloseTo(0.1, within(0.03));
        assertThat(classifier.count(RecordKind.OUT_OF_ORDER) / 6000.0).isCloseTo(0.1, within(0.03));
        assertThat(classifier.count(RecordKind.EARLY) / 6000.0).isCloseTo(0.1, within(0.03));
    }

    @Test
    void theSameSeedAndStartTimePublishTheSameRecords(MariaDbServer db, KafkaBroker kafka) {
        List<String> first = publishAndRead(db, kafka, "same_a");
        List<String> second = publishAndRead(db, kafka, "same_b");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void stopsAfterTheDurationAtTheRate(MariaDbServer db, KafkaBroker kafka) {
        String topic = newTopic(kafka, "duration");

        CliRun run = CliRun.run(StackArgs.of(db, kafka, "events", "--duration", "2s", "--rate", "200",
                "--order-ids", "1-100", "--topic", topic));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Matcher sent = Pattern.compile("events: sent (\\d+) records to \\S+ in ([\\d.]+) s").matcher(run.out());
        assertThat(sent.find()).as(run.out()).isTrue();
        long count = Long.parseLong(sent.group(1));
        // evenly paced: never more than rate x duration (+ the first, sent at once)
        assertThat(count).isBetween(50L, 401L);
        assertThat(Double.parseDouble(sent.group(2))).isBetween(1.9, 10.0);
        TopicReader.readExactly(kafka, topic, count);
    }

    @Test
    void aMissingTopicIsOneLine(MariaDbServer db, KafkaBroker kafka) {
        CliRun run = CliRun.run(StackArgs.of(db, kafka, "events", "--count", "10", "--order-ids", "1-10",
                "--topic", "no_such_topic", "--connect-timeout", "2s"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("seed-data: events: cannot reach Kafka at " + kafka.bootstrapServers())
                .contains("no_such_topic does not exist");
    }

    private static List<String> publishAndRead(MariaDbServer db, KafkaBroker kafka, String name) {
        String topic = newTopic(kafka, name);
        CliRun run = CliRun.run(StackArgs.of(db, kafka, "events", "--count", "2000", "--rate", "1000000",
                "--topic", topic, "--seed", "3", "--start-time", "2026-11-26T12:00:00Z", "--order-ids", "1-500",
                "--duplicates", "0.1", "--malformed", "0.1", "--out-of-order", "0.1"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // per partition in offset order: how the consumer interleaves partitions differs from read to read
        return TopicReader.readExactly(kafka, topic, 2000).stream()
                .sorted(Comparator.comparing((ConsumerRecord<String, byte[]> r) -> r.partition())
                        .thenComparing(ConsumerRecord::offset))
                .map(r -> r.partition() + " " + r.key() + " " + new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static String newTopic(KafkaBroker kafka, String name) {
        String topic = "seed_data_" + name + "_" + System.nanoTime();
        kafka.createTopic(topic, 4);
        return topic;
    }

    /** Parses a printed line of {@code key=value} pairs that starts with {@code prefix}. */
    private static Map<String, Long> printedCounts(String out, String prefix) {
        String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
        while (pair.find()) {
            counts.put(pair.group(1), Long.parseLong(pair.group(2)));
        }
        return counts;
    }

    private static Set<Long> orderIds(MariaDbServer db) throws SQLException {
        return new HashSet<>(list(db, "SELECT order_id FROM orders", row -> row.getLong(1)));
    }
}
