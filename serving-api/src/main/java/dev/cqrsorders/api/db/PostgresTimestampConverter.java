package dev.cqrsorders.api.db;

import dev.cqrsorders.api.format.UtcTimestamps;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.time.LocalDateTime;

/**
 * Reads a {@code TIMESTAMP} column as its text and parses it, so no {@code java.sql.Timestamp} (and with it the JVM's
 * default time zone) ever takes part: the UTC wall-clock time stored is the one returned.
 */
@Singleton
public final class PostgresTimestampConverter implements AttributeConverter<LocalDateTime, String> {
    @Override
    public String convertToPersistedValue(LocalDateTime value, ConversionContext context) {
        throw new UnsupportedOperationException("serving-api never writes the read model");
    }

    @Override
    public LocalDateTime convertToEntityValue(String text, ConversionContext context) {
        return UtcTimestamps.parsePostgresText(text);
    }
}
