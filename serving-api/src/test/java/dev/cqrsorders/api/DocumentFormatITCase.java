package dev.cqrsorders.api;

import dev.cqrsorders.api.support.ReadModelDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How PostgreSQL writes the API's values into the documents (migration V3): money as a string with exactly two
 * decimals, a UTC TIMESTAMP as an ISO-8601 instant with milliseconds and Z whatever the session's or the JVM's zone.
 */
class DocumentFormatITCase {

    @ParameterizedTest
    @CsvSource({"391.12, 391.12", "5, 5.00", "0.1, 0.10", "1E+3, 1000.00", "-2.5, -2.50", "2.005, 2.01", "-2.005, -2.01"})
    void moneyHasExactlyTwoDecimals(String amount, String expected) throws Exception {
        assertThat(query("SELECT api_money('" + amount + "'::numeric)")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-26 12:00:00.123, 2026-11-26T12:00:00.123Z",
            "2026-11-26 12:00:00,     2026-11-26T12:00:00.000Z",
            "2026-11-26 12:00:00.5,   2026-11-26T12:00:00.500Z",
            // does not exist in New York (DST gap): a valid UTC time all the same
            "2026-03-08 02:30:00.5,   2026-03-08T02:30:00.500Z",
            "9999-12-31 23:59:59.999, 9999-12-31T23:59:59.999Z"})
    void aUtcTimestampIsAnIsoInstantWithMillis(String stored, String expected) throws Exception {
        assertThat(query("SET TIME ZONE 'America/New_York'; SELECT api_timestamp('" + stored + "'::timestamp(3))"))
                .isEqualTo(expected);
    }

    @Test
    void nullsStayNull() throws Exception {
        assertThat(query("SELECT api_money(NULL)")).isNull();
        assertThat(query("SELECT api_timestamp(NULL)")).isNull();
    }

    private static String query(String sql) throws Exception {
        try (Connection c = ReadModelDatabase.shared().connectAsOwner(); Statement s = c.createStatement()) {
            s.execute(sql);
            while (s.getResultSet() == null) {
                s.getMoreResults();
            }
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
