package dev.cqrsorders.api.format;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The read model stores UTC wall-clock times in {@code TIMESTAMP} columns (no zone). They are read as text, never
 * through {@code java.sql.Timestamp}, so the JVM's own time zone (and its daylight-saving gaps) never shifts them,
 * and are written as ISO-8601 instants with millisecond precision and {@code Z}: "2026-11-26T12:00:00.123Z".
 */
public final class UtcTimestamps {
    /** PostgreSQL's text form of a timestamp under DateStyle ISO (the JDBC driver sets it): "2026-11-26 12:00:00.123". */
    private static final DateTimeFormatter POSTGRES_TEXT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter JSON = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private UtcTimestamps() {}

    public static LocalDateTime parsePostgresText(String text) {
        return text == null ? null : LocalDateTime.parse(text, POSTGRES_TEXT);
    }

    public static String format(LocalDateTime utc) {
        return utc == null ? null : JSON.format(utc);
    }
}
