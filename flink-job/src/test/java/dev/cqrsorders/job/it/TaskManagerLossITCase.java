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
import static org.awaitility.Awaitility.await;

/**
 * The job at parallelism 4 over two TaskManagers of two slots each. One TaskManager is lost while the randomized
 * history flows, another takes its place (as Kubernetes or a supervisor would start one), and the read model still
 * ends equal to the oracle.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class TaskManagerLossITCase {

    @Test
    void aLostTaskManagerLosesNothing(MariaDbServer mysql, KafkaBroker kafka, PostgresServer postgres) throws Exception {
        RandomHistory history = RandomHistory.generate(11, 300, 2000);
        Map<Long, Map<String, String>> expected = ReadModelOracle.orderDetails(history);
        int steps = history.steps.size();

        try (JobFixture fixture = JobFixture.create("it_tm_loss", mysql, kafka, postgres)) {
            history.replay(fixture, 0, steps / 5);
            fixture.startCluster(2, 2);
            fixture.submit(null, "--parallelism", "4");
            history.replay(fixture, steps / 5, steps / 2);
            long checkpoint = fixture.latestCheckpointId();
            await("a checkpoint after the live part began").atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.latestCheckpointId() > checkpoint);

            fixture.restartTaskManager();
            history.replay(fixture, steps / 2, steps);

            fixture.awaitOrderDetails(expected, Duration.ofMinutes(4));
            assertThat(fixture.failures()).as("the job noticed the loss and restarted").isPositive();
        }
    }
}
