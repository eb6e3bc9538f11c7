package dev.cqrsorders.seed;

import dev.cqrsorders.servers.MariaDbServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the tests read back from the shop database, as the writer user. */
public final class ShopQueries {
    private ShopQueries() {}

    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row {@code sql} returns, each read by {@code reader}. */
    public static <T> List<T> list(MariaDbServer db, String sql, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
        }
        return rows;
    }

    /** The first column of the only row {@code sql} returns, as a number. */
    public static long number(MariaDbServer db, String sql) throws SQLException {
        return list(db, sql, row -> row.getLong(1)).get(0);
    }
}
