package dev.cqrsorders.api.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The read-model rows every ITCase reads: 3 users, 3 addresses, 25 orders (ids 103, 106, ..., 175: gaps on purpose,
 * paging is by id, not offset) in both {@code orders} and {@code order_details}. Two orders are hand-written
 * ({@link #GOLDEN_ORDER} and {@link #BARE_ORDER}); the others follow a pattern the tests recompute.
 */
public final class Fixtures {
    public static final List<String> STATUSES =
            List.of("created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled");
    public static final int ORDER_COUNT = 25;
    /** Every field set, items stored out of item_id order, one price stored as a JSON number. */
    public static final long GOLDEN_ORDER = 103;
    /** No user or address row (NULLs), no items, whole-second timestamp, whole-number total. */
    public static final long BARE_ORDER = 106;

    /** What the generated orders hold, for the tests to compute expected pages. */
    public record FixtureOrder(long orderId, long userId, String ownStatus, String orderStatus) {}

    private Fixtures() {}

    public static List<FixtureOrder> orders() {
        List<FixtureOrder> orders = new ArrayList<>();
        for (int i = 1; i <= ORDER_COUNT; i++) {
            long orderId = 100 + 3L * i;
            long userId = orderId == GOLDEN_ORDER ? 1 : orderId == BARE_ORDER ? 2 : 1 + (i % 3);
            String own = STATUSES.get(i % 7);
            String merged = orderId == GOLDEN_ORDER ? "preparing" : STATUSES.get((i + 2) % 7);
            orders.add(new FixtureOrder(orderId, userId, own, merged));
        }
        return orders;
    }

    public static List<Long> orderIds(Predicate<FixtureOrder> filter) {
        return orders().stream().filter(filter).map(FixtureOrder::orderId).toList();
    }

    private static Long addressOf(FixtureOrder o) {
        if (o.orderId() == BARE_ORDER || o.userId() == 3) {
            return null;
        }
        return o.userId() == 1 ? Long.valueOf(11) : Long.valueOf(21);
    }

    public static void load(Connection owner) throws SQLException {
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement()) {
            s.execute("TRUNCATE users, addresses, orders, order_details");
            s.execute("""
                    INSERT INTO users (user_id, name, email, phone, created_at, updated_at) VALUES
                      (1, 'Ada Lovelace', 'ada@example.com', '+1 555 0101', '2026-01-02 03:04:05.678', '2026-02-03 04:05:06'),
                      (2, 'Grace Hopper', 'grace@example.com', NULL, '2026-01-03 00:00:00.001', '2026-01-03 00:00:00.001'),
                      (3, 'Alan Turing', 'alan@example.com', '+44 20 7946 0000', '2026-01-04 10:00:00', '2026-01-05 11:00:00')
                    """);
            s.execute("""
                    INSERT INTO addresses (address_id, user_id, street, city, state, postal_code, country, created_at) VALUES
                      (11, 1, '1 Main St', 'Springfield', 'IL', '62701', 'US', '2026-01-02 03:04:05.678'),
                      (12, 1, '2 Side Rd', 'Shelbyville', 'IL', '62565', 'US', '2026-01-06 00:00:00'),
                      (21, 2, '3 Elm St', 'Boston', 'MA', '02108', 'US', '2026-01-07 00:00:00.5')
                    """);
        }
        String[] names = {null, "Ada Lovelace", "Grace Hopper", "Alan Turing"};
        String[] emails = {null, "ada@example.com", "grace@example.com", "alan@example.com"};
        try (PreparedStatement orders = owner.prepareStatement("""
                INSERT INTO orders (order_id, user_id, address_id, total, status, order_date, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::timestamp, ?::timestamp)""");
             PreparedStatement details = owner.prepareStatement("""
                INSERT INTO order_details (order_id, user_id, user_name, user_email, user_phone, address_id, full_address,
                  total, order_date, order_status, last_order_update, item_count, items_total, order_items_details, items)
                VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, ?::timestamp, ?, ?::timestamp, 1, ?, ?, ?::jsonb)""")) {
            for (FixtureOrder o : orders()) {
                BigDecimal total = BigDecimal.valueOf(o.orderId()).multiply(new BigDecimal("1.25"));
                String date = "2026-05-01 10:00:" + String.format("%02d", o.orderId() % 60) + ".250";
                orders.setLong(1, o.orderId());
                orders.setLong(2, o.userId());
                orders.setObject(3, addressOf(o));
                orders.setBigDecimal(4, o.orderId() == GOLDEN_ORDER ? new BigDecimal("391.12")
                        : o.orderId() == BARE_ORDER ? new BigDecimal("5") : total);
                orders.setString(5, o.ownStatus());
                orders.setString(6, date);
                orders.setString(7, "2026-05-02 08:00:00");
                orders.addBatch();
                if (o.orderId() == GOLDEN_ORDER || o.orderId() == BARE_ORDER) {
                    continue;
                }
                details.setLong(1, o.orderId());
                details.setLong(2, o.userId());
                details.setString(3, names[(int) o.userId()]);
                details.setString(4, emails[(int) o.userId()]);
                details.setBigDecimal(5, total);
                details.setString(6, date);
                details.setString(7, o.orderStatus());
                details.setString(8, "2026-05-03 09:00:00.125");
                details.setBigDecimal(9, total);
                details.setString(10, "Widget (Qty: 1, Price: " + total + ", Total: " + total + ")");
                details.setString(11, "[{\"item_id\": " + (o.orderId() * 10) + ", \"product_name\": \"Widget\", \"quantity\": 1,"
                        + " \"price\": \"" + total + "\", \"line_total\": \"" + total + "\"}]");
                details.addBatch();
            }
            orders.executeBatch();
            details.executeBatch();
        }
        try (Statement s = owner.createStatement()) {
            s.execute("""
                    INSERT INTO order_details VALUES (103, 1, 'Ada Lovelace', 'ada@example.com', '+1 555 0101', 11,
                      '1 Main St, Springfield, IL, 62701, US', 391.12, '2026-11-26 12:00:00.123', 'preparing',
                      '2026-03-08 02:30:00.5', 2, 391.12,
                      'Calzone (Qty: 2, Price: 12.50, Total: 25.00); Pizza (Qty: 3, Price: 122.04, Total: 366.12)',
                      '[{"item_id": 9, "product_name": "Pizza", "quantity": 3, "price": "122.04", "line_total": "366.12"},
                        {"item_id": 5, "product_name": "Calzone", "quantity": 2, "price": 12.5, "line_total": "25.00"}]')
                    """);
            s.execute("""
                    INSERT INTO order_details VALUES (106, 2, NULL, NULL, NULL, NULL, NULL, 5, '2026-01-01 00:00:00',
                      '%s', '2026-01-01 00:00:00', 0, 0, '', '[]')
                    """.formatted(orders().get(1).orderStatus()));
        }
        owner.commit();
        owner.setAutoCommit(true);
    }
}
