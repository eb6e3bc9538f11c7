package dev.cqrsorders.seed;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The options' time values, with an error that shows what is accepted (picocli's own names the exception). */
public final class TimeConverters {
    private TimeConverters() {
    }

    /** A positive duration written as ISO-8601 without its {@code PT}: {@code 0.5s}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Duration.parse("PT" + value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 0.5s, 30s, 5m, 1h30m)");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        }
    }

    /** An ISO-8601 UTC instant such as {@code 2026-11-26T12:00:00Z}. */
    public static final class UtcInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 UTC instant (e.g. 2026-11-26T12:00:00Z)");
            }
        }
    }
}
