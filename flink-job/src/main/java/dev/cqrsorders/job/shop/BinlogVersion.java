package dev.cqrsorders.job.shop;

import dev.cqrsorders.job.JobOptions;
import org.apache.flink.configuration.Configuration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * A binlog position as one BIGINT that grows along the binlog. A change's position is Debezium's restart offset:
 * the binlog file, the position where its transaction starts, the event within the transaction and the row within
 * the event, packed as {@code file index (16 bits) | transaction position (32) | event (10) | row (5)}. A replayed
 * change gets the same version again and a later change a greater or — for the 1024th event or 32nd row of one
 * transaction and beyond, which share the last value — an equal one; the read model applies a row only when its
 * version is not older than the stored one, so equal versions apply in arrival (binlog) order.
 */
public final class BinlogVersion {
    private static final int ROW_BITS = 5;
    private static final int EVENT_BITS = 10;
    private static final int POSITION_BITS = 32;
    private static final long MAX_FILE_INDEX = (1L << (63 - POSITION_BITS - EVENT_BITS - ROW_BITS)) - 1;

    private BinlogVersion() {}

    /** From a change record's source offset ({@code file}, {@code pos}, {@code event}, {@code row}). */
    public static long of(Map<String, ?> offset) {
        return of(String.valueOf(offset.get("file")), number(offset.get("pos")), number(offset.get("event")),
                number(offset.get("row")));
    }

    public static long of(String file, long position, long event, long row) {
        long index = fileIndex(file);
        if (index > MAX_FILE_INDEX || position < 0 || position >= 1L << POSITION_BITS) {
            throw new IllegalArgumentException("binlog position out of range: " + file + ":" + position);
        }
        long eventIndex = saturated(event, EVENT_BITS);
        // from the last event index on, the row index saturates too: the rows of events 1023, 1024 ... of one
        // transaction must not compare by their row within their own event (a later change would get a smaller
        // version — seen in the fault suite's 800-statement transactions as a deleted order that stayed)
        long rowIndex = eventIndex == (1L << EVENT_BITS) - 1 ? (1L << ROW_BITS) - 1 : saturated(row, ROW_BITS);
        return index << (POSITION_BITS + EVENT_BITS + ROW_BITS) | position << (EVENT_BITS + ROW_BITS)
                | eventIndex << ROW_BITS | rowIndex;
    }

    private static long saturated(long value, int bits) {
        return Math.max(0, Math.min(value, (1L << bits) - 1));
    }

    private static long number(Object value) {
        if (value == null) {
            return 0;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    /** MySQL's current binlog position (SHOW MASTER STATUS), as the CDC user sees it. */
    public static long current(Configuration options) throws SQLException {
        try (Connection c = connect(options, Duration.ofSeconds(10))) {
            return current(c);
        }
    }

    /** The end of MySQL's binlog now: where the next change will be written. */
    public static long current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("MySQL has no binlog (SHOW MASTER STATUS is empty): enable log-bin");
            }
            return of(rs.getString(1), rs.getLong(2), 0, 0);
        }
    }

    /** A connection as the CDC user; {@code timeout} bounds connecting and every statement. */
    public static Connection connect(Configuration options, Duration timeout) throws SQLException {
        String url = "jdbc:mysql://" + options.get(JobOptions.MYSQL_HOST) + ":" + options.get(JobOptions.MYSQL_PORT)
                + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=" + timeout.toMillis()
                + "&socketTimeout=" + timeout.toMillis();
        Properties login = new Properties();
        login.setProperty("user", options.get(JobOptions.MYSQL_CDC_USER));
        login.setProperty("password", options.get(JobOptions.MYSQL_CDC_PASSWORD));
        // the driver itself, not DriverManager: it does not see drivers of Flink's user-code class loader
        return new com.mysql.cj.jdbc.Driver().connect(url, login);
    }

    /** {@code mysql-bin.000042} → 42. */
    static long fileIndex(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a binlog file name: " + file, e);
        }
    }
}
