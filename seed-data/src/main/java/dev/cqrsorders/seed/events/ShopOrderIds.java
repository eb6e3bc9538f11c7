package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.UserError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** Reads every order id of the write model once, streaming, so a million ids do not need a buffered result. */
final class ShopOrderIds {
    private ShopOrderIds() {
    }

    static long[] load(Connection connection, String database) throws SQLException {
        long[] ids = new long[1024];
        int size = 0;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream rows one by one
            try (ResultSet rs = statement.executeQuery("SELECT order_id FROM orders")) {
                while (rs.next()) {
                    if (size == ids.length) {
                        ids = Arrays.copyOf(ids, size * 2);
                    }
                    ids[size++] = rs.getLong(1);
                }
            }
        }
        if (size == 0) {
            throw new UserError("events: no orders in " + database + ".orders: run 'seed-data seed' first, "
                    + "or pass --order-ids");
        }
        long[] result = Arrays.copyOf(ids, size);
        Arrays.sort(result); // the shuffle must not depend on the server's row order
        return result;
    }
}
