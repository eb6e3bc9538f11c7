package dev.cqrsorders.seed.events;

import java.time.Instant;

/**
 * How events are generated. Event times are simulated: record {@code i} is stamped {@code start + i / rate}
 * seconds (later if its order's previous event needs it), so they track the wall clock when the rate is met and
 * the whole stream is reproducible from the seed and the start time.
 */
public record EventStreamSettings(long seed, Instant start, double ratePerSecond, Injections injections,
                                  double cancelledShare, int maxInFlight) {
    public static final int DEFAULT_IN_FLIGHT = 64;

    public EventStreamSettings {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
    }
}
