package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades and rescaling from savepoints: the job stops with a savepoint at parallelism 2, resumes from it at 4,
 * stops again and resumes at 1, while the history keeps arriving in MySQL and Kafka — also while no job runs. Every
 * stateful operator has a fixed uid and the key space a fixed number of key groups, so each restore finds all of
 * its state; the read model ends equal to the oracle.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class RescaleITCase {

    @Test
    void resumesFromSavepointsAtAnyParallelism(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        RandomHistory history = RandomHistory.generate(5, 300, 2000);
        Map<Long, Map<String, String>> expected = ReadModelOracle.orderDetails(history);
        int fifth = history.steps.size() / 5;

        try (JobFixture fixture = JobFixture.create("it_rescale", mysql, kafka, postgres)) {
            history.replay(fixture, 0, fifth);
            fixture.startCluster(2, 2);
            fixture.submit(null, "--parallelism", "2");
            history.replay(fixture, fifth, 2 * fifth);
            String atTwo = fixture.stopWithSavepoint();

            history.replay(fixture, 2 * fifth, 3 * fifth);
            fixture.submit(atTwo, "--parallelism", "4");
            assertThat(fixture.restoredFrom()).endsWith(savepointName(atTwo));
            history.replay(fixture, 3 * fifth, 4 * fifth);
            String atFour = fixture.stopWithSavepoint();

            history.replay(fixture, 4 * fifth, history.steps.size());
            fixture.submit(atFour, "--parallelism", "1");
            assertThat(fixture.restoredFrom()).endsWith(savepointName(atFour));

            fixture.awaitOrderDetails(expected, Duration.ofMinutes(4));
        }
    }

    private static String savepointName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
