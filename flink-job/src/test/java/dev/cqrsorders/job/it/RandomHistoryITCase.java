package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated history — thousands of orders, tens of thousands of DML statements and events, shuffled, with
 * duplicates, late and early events — replayed against the real servers while the job runs. The final
 * order_details must equal two oracles: the rules in plain Java from the same history, and the SQL views
 * (sql/flink/03-views.sql) computed by Flink SQL from the same servers.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class RandomHistoryITCase {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 42, 2026})
    void finalReadModelEqualsTheOracle(long seed, MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        RandomHistory history = RandomHistory.generate(seed, 400, 2500);
        assertThat(history.dmlCount).isGreaterThan(10_000);
        assertThat(history.sentCount).isGreaterThan(10_000);
        // part of the history exists before the job starts (snapshot), the rest arrives live
        int split = history.steps.size() / 5;
        Map<Long, Map<String, String>> expected = ReadModelOracle.orderDetails(history);

        try (JobFixture fixture = JobFixture.create("it_random_" + seed, mysql, kafka, postgres)) {
            long begin = System.nanoTime();
            history.replay(fixture, 0, split);
            fixture.startJob();
            SqlViewsOracle sql = SqlViewsOracle.start(fixture);
            long started = System.nanoTime();
            history.replay(fixture, split, history.steps.size());
            long replayed = System.nanoTime();

            fixture.awaitOrderDetails(expected, Duration.ofMinutes(4));
            System.out.printf("seed %d: first part + job start %.1f s, rest of the history %.1f s, converged after %.1f s%n",
                    seed, (started - begin) / 1e9, (replayed - started) / 1e9, (System.nanoTime() - replayed) / 1e9);
            try (sql) {
                AtomicReference<Map<Long, Map<String, String>>> viewRows = new AtomicReference<>();
                try {
                    await("SQL views converge to the oracle").atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> {
                                viewRows.set(sql.orderDetails());
                                return viewRows.get().equals(expected);
                            });
                } finally {
                    if (viewRows.get() != null && !viewRows.get().equals(expected)) {
                        assertThat(ReadModelOracle.differences(expected, viewRows.get())).as("order_details_view for seed " + seed).isEmpty();
                    }
                }
            }
            assertThat(fixture.rows("SELECT * FROM users", "user_id")).hasSize(history.users.size());
            assertThat(fixture.rows("SELECT * FROM addresses", "address_id")).hasSize(history.addresses.size());
            assertThat(fixture.rows("SELECT * FROM orders", "order_id")).hasSize(history.orders.size());
        }
    }
}
