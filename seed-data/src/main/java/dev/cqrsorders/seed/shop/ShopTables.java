package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.CliErrors.UserError;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Questions about the shop's tables: do they exist, where do ids continue, how many rows, who can order. */
public final class ShopTables {
    public static final List<String> TABLES = List.of("users", "addresses", "orders", "order_items");

    private ShopTables() {
    }

    public static void requireTables(Connection connection, String database) throws SQLException {
        List<String> missing = new ArrayList<>(TABLES);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError("table(s) " + String.join(", ", missing) + " missing in database " + database
                    + ": run 'seed-data schema' first");
        }
    }

    public static NextIds firstIds(Connection connection) throws SQLException {
        return new NextIds(maxId(connection, "users", "user_id") + 1, maxId(connection, "addresses", "address_id") + 1,
                maxId(connection, "orders", "order_id") + 1, maxId(connection, "order_items", "item_id") + 1);
    }

    private static long maxId(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row count per table, in {@link #TABLES} order. */
    public static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The existing users that have at least one address, for orders placed without seeding new users. */
    public static Customers existingCustomers(Connection connection) throws SQLException {
        Map<Long, List<Long>> addressesByUser = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id, address_id FROM addresses "
                     + "WHERE user_id IN (SELECT user_id FROM users) ORDER BY user_id, address_id")) {
            while (rs.next()) {
                addressesByUser.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        Customers customers = new Customers();
        addressesByUser.forEach((user, addresses) ->
                customers.add(user, addresses.stream().mapToLong(Long::longValue).toArray()));
        return customers;
    }

    /** The users orders may be placed for, each with the ids of its addresses (an order ships to one of them). */
    public static final class Customers {
        private final List<Long> userIds = new ArrayList<>();
        private final List<long[]> addressIds = new ArrayList<>();

        public void add(long userId, long[] addresses) {
            if (addresses.length == 0) {
                throw new IllegalArgumentException("user " + userId + " has no address");
            }
            userIds.add(userId);
            addressIds.add(addresses);
        }

        public int size() {
            return userIds.size();
        }

        public boolean isEmpty() {
            return userIds.isEmpty();
        }

        /** A random customer: index into this list. */
        public int pick(RandomGenerator random) {
            return random.nextInt(userIds.size());
        }

        public long userId(int customer) {
            return userIds.get(customer);
        }

        public long pickAddress(int customer, RandomGenerator random) {
            long[] addresses = addressIds.get(customer);
            return addresses[random.nextInt(addresses.length)];
        }
    }
}
