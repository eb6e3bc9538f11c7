package dev.cqrsorders.api.db;

import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@code LocalDateTime} read from a UTC {@code TIMESTAMP} column through {@link PostgresTimestampConverter}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@MappedProperty(type = DataType.STRING, converter = PostgresTimestampConverter.class, converterPersistedType = String.class)
public @interface UtcTimestamp {
}
