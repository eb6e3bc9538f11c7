package dev.cqrsorders.job.it;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TaskManager is lost while the randomized history flows, another takes its place (as Kubernetes or a supervisor
 * would start one), and the read model still ends equal to the oracle.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES})
class TaskManagerLossITCase {

    /** The job at parallelism 4 over two TaskManagers of two slots each, one of them lost after the snapshot. */
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
            fixture.awaitNextCheckpoint("a checkpoint after the live part began", Duration.ofSeconds(60));

            fixture.restartTaskManager();
            history.replay(fixture, steps / 2, steps);

            fixture.awaitOrderDetails(expected, Duration.ofMinutes(4));
            assertThat(fixture.failures()).as("the job noticed the loss and restarted").isPositive();
        }
    }

    /**
     * The job at parallelism 1, its only TaskManager lost the moment Flink CDC's split assigner turns "finished" (the
     * binlog split goes out next), while the live part of the history flows from the job's start. Flink CDC 3.5 on
     * its own turns it finished at parallelism 1 as soon as the last split is read, and after this loss failed at
     * every restart or never read the binlog (see ShopMySqlSource).
     */
    @Test
    void aTaskManagerLostAsTheSnapshotEndsLosesNothingAtParallelismOne(MariaDbServer mysql, KafkaBroker kafka,
                                                                        PostgresServer postgres) throws Exception {
        RandomHistory history = RandomHistory.generate(12, 300, 4000);
        Map<Long, Map<String, String>> expected = ReadModelOracle.orderDetails(history);
        int steps = history.steps.size();

        try (JobFixture fixture = JobFixture.create("it_tm_loss_p1", mysql, kafka, postgres);
             LoggedLine snapshotDone = new LoggedLine(MySqlSnapshotSplitAssigner.class, "turn into finished status")) {
            history.replay(fixture, 0, steps / 5);
            fixture.startCluster(1, 4);
            fixture.submit(null, "--parallelism", "1");
            CompletableFuture<Void> live = CompletableFuture.runAsync(() -> replay(history, fixture, steps / 5, steps / 2));
            snapshotDone.await(Duration.ofMinutes(2));
            fixture.restartTaskManager();
            live.get(3, TimeUnit.MINUTES);
            history.replay(fixture, steps / 2, steps);

            fixture.awaitOrderDetails(expected, Duration.ofMinutes(4));
            assertThat(fixture.failures()).as("the job noticed the loss and restarted").isPositive();
        }
    }

    private static void replay(RandomHistory history, JobFixture fixture, int from, int to) {
        try {
            history.replay(fixture, from, to);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
