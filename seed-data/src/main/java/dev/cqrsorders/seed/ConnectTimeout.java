package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How long to wait for a server before giving up with an error (MySQL connect, Kafka metadata). */
public final class ConnectTimeout {
    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Give up on an unreachable MySQL or Kafka after this long, e.g. 500ms, 10s, 1m "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public Duration value() {
        return timeout;
    }
}
