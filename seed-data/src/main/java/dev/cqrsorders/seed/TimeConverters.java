package dev.cqrsorders.seed;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The options' time values, with an error that shows what is accepted (picocli's own names the exception). */
public final class TimeConverters {
    private TimeConverters() {
    }

    /** A positive duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 {@code PT30S}. */
    public static final class PositiveDuration implements ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            Duration duration = parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        }

        private static Duration parse(String value) {
            Matcher matcher = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
            try {
                if (matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    return switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                }
                return Duration.parse(value.trim());
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 2h)");
            }
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
