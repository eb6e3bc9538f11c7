package dev.cqrsorders.seed;

import dev.cqrsorders.servers.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** No servers: every command must fail fast with one line and exit code 1. */
class UnreachableServersITCase {
    private static String closedPort;

    @BeforeAll
    static void findAClosedPort() {
        closedPort = Integer.toString(Ports.free());
    }

    @Test
    void schemaSeedAndEventsReportAnUnreachableMySql() {
        for (String command : new String[] {"schema", "seed", "events"}) {
            CliRun run = CliRun.run(command, "--mysql-port", closedPort, "--connect-timeout", "2s");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                    .startsWith("seed-data: cannot connect to MySQL at 127.0.0.1:" + closedPort + " as ")
                    .contains("Connection refused");
        }
    }

    @Test
    void anUnreachableKafkaFailsWithinTheTimeout() {
        long start = System.nanoTime();
        CliRun run = CliRun.run("events", "--order-ids", "1-10", "--bootstrap-servers", "127.0.0.1:" + closedPort,
                "--connect-timeout", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).as(run.toString()).containsExactly("seed-data: events: cannot reach Kafka at 127.0.0.1:"
                + closedPort + " or topic order_updates does not exist (no metadata within 2000 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anUnresolvableKafkaHostIsOneLine() {
        CliRun run = CliRun.run("events", "--order-ids", "1-10", "--bootstrap-servers", "no-such-host.invalid:9092",
                "--connect-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .startsWith("seed-data: events: cannot use Kafka at no-such-host.invalid:9092: ");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.run("seed", "--mysql-port", closedPort, "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(0)).startsWith("seed-data: cannot connect to MySQL");
        assertThat(run.err()).contains("CommunicationsException", "\tat ");
    }
}
