package dev.cqrsorders.system;

import dev.cqrsorders.job.it.RandomHistory;
import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.LocalServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a {@link RandomHistory} into the shop the way its services would, through every outage: DML in transactions
 * of random size (some over 500 rows), events with an idempotent producer that waits out a broker restart. A
 * transaction cut off by a crash is looked up by the marker row it commits with, and run again only if it was lost.
 */
final class ShopWorkload implements AutoCloseable {
    private static final String MARKERS = "fault_suite_transactions";

    private final LocalServers stack;
    private final Random random;
    private final KafkaProducer<String, String> producer;
    /** Every value sent that the contract accepts (by its exact text), and every malformed one. */
    final Map<String, RandomHistory.Event> validValues = new ConcurrentHashMap<>();
    final Set<String> malformedValues = ConcurrentHashMap.newKeySet();
    final AtomicLong sendFailures = new AtomicLong();
    long statements;
    long transactions;
    long largestTransaction;
    long transactionsCutOff;
    long transactionsRunAgain;
    private long nextMarker = 1;
    private Connection connection;

    ShopWorkload(LocalServers stack, RandomHistory history, long seed) throws SQLException {
        this.stack = stack;
        this.random = new Random(seed);
        for (RandomHistory.Step step : history.steps) {
            if (step instanceof RandomHistory.Send send) {
                if (send.event() != null) {
                    validValues.put(send.value(), send.event());
                } else {
                    malformedValues.add(send.value());
                }
            }
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000));
        try (Connection c = stack.mariaDb().connectAsAdmin("shop"); Statement s = c.createStatement()) {
            // not one of the tables the job reads
            s.execute("CREATE TABLE IF NOT EXISTS " + MARKERS + " (id BIGINT PRIMARY KEY)");
        }
    }

    /** Sends one event the oracle counts as valid (a sentinel). */
    void sendValid(String key, String value, RandomHistory.Event event) {
        validValues.put(value, event);
        send(key, value);
    }

    /** Runs one statement in its own transaction, through outages (a sentinel row). */
    void execute(String statement) throws Exception {
        commit(List.of(statement));
    }

    /** Waits until every event sent so far is in the topic. */
    void flush() {
        producer.flush();
    }

    /** Plays the steps, spread evenly over {@code duration} (zero: as fast as the servers take them). */
    void play(List<RandomHistory.Step> steps, Duration duration) throws Exception {
        Instant begin = Instant.now();
        List<String> transaction = new ArrayList<>();
        int size = transactionSize();
        for (int i = 0; i < steps.size(); i++) {
            RandomHistory.Step step = steps.get(i);
            if (step instanceof RandomHistory.Send send) {
                send(send.key(), send.value());
            } else if (step instanceof RandomHistory.Sql sql) {
                transaction.add(sql.statement());
            }
            if (transaction.size() >= size || i == steps.size() - 1 && !transaction.isEmpty()) {
                commit(transaction);
                transaction = new ArrayList<>();
                size = transactionSize();
                long due = duration.toMillis() * (i + 1) / steps.size();
                long ahead = due - Duration.between(begin, Instant.now()).toMillis();
                if (ahead > 0) {
                    Thread.sleep(ahead);
                }
            }
        }
        producer.flush();
    }

    /** Mostly small transactions, some of hundreds of rows, a few over 500. */
    private int transactionSize() {
        int dice = random.nextInt(100);
        return dice < 80 ? 1 + random.nextInt(40) : dice < 95 ? 50 + random.nextInt(400) : 501 + random.nextInt(300);
    }

    private void send(String key, String value) {
        producer.send(new ProducerRecord<>(KafkaBroker.ORDER_UPDATES, key, value), (metadata, error) -> {
            if (error != null) {
                sendFailures.incrementAndGet();
            }
        });
    }

    private void commit(List<String> sql) throws Exception {
        long marker = nextMarker++;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            try {
                Connection c = connection();
                try (Statement s = c.createStatement()) {
                    for (String statement : sql) {
                        s.addBatch(statement);
                    }
                    s.addBatch("INSERT INTO " + MARKERS + " VALUES (" + marker + ")");
                    s.executeBatch();
                }
                c.commit();
                statements += sql.size();
                transactions++;
                largestTransaction = Math.max(largestTransaction, sql.size());
                return;
            } catch (SQLException e) {
                transactionsCutOff++;
                closeConnection();
                if (committed(marker, deadline)) {
                    statements += sql.size();
                    transactions++;
                    return;
                }
                transactionsRunAgain++;
            }
        }
    }

    /** Whether the marker's transaction committed, asked again until MariaDB answers. */
    private boolean committed(long marker, Instant deadline) throws Exception {
        while (true) {
            try (Statement s = connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + MARKERS + " WHERE id = " + marker)) {
                rs.next();
                return rs.getLong(1) == 1;
            } catch (SQLException down) {
                closeConnection();
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("MariaDB did not answer for 5 minutes", down);
                }
                Thread.sleep(200);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            var credentials = stack.credentials();
            connection = DriverManager.getConnection(stack.mariaDb().jdbcUrl("shop")
                            + "&connectTimeout=3000&socketTimeout=20000",
                    credentials.mysqlAppUser(), credentials.mysqlAppPassword());
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the server is gone; so is the connection
        }
        connection = null;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        closeConnection();
    }
}
