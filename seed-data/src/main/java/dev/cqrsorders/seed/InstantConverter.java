package dev.cqrsorders.seed;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads an ISO-8601 UTC instant such as {@code 2026-11-26T12:00:00Z}. */
public final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 UTC instant (e.g. 2026-11-26T12:00:00Z)");
        }
    }
}
