package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.shop.ShopRows.AddressRow;
import dev.cqrsorders.seed.shop.ShopRows.ItemRow;
import dev.cqrsorders.seed.shop.ShopRows.OrderBatch;
import dev.cqrsorders.seed.shop.ShopRows.OrderRow;
import dev.cqrsorders.seed.shop.ShopRows.UserBatch;
import dev.cqrsorders.seed.shop.ShopRows.UserRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes batches with JDBC batching, one transaction per batch. With {@code rewriteBatchedStatements=true}
 * Connector/J sends each table's rows as multi-row INSERTs, which is what makes a million orders take minutes.
 */
public final class ShopWriter implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement users;
    private final PreparedStatement addresses;
    private final PreparedStatement orders;
    private final PreparedStatement items;

    public ShopWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        users = connection.prepareStatement(
                "INSERT INTO users (user_id, name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
        addresses = connection.prepareStatement("INSERT INTO addresses (address_id, user_id, street, city, state, "
                + "postal_code, country, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        orders = connection.prepareStatement("INSERT INTO orders (order_id, user_id, address_id, total, status, "
                + "order_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        items = connection.prepareStatement(
                "INSERT INTO order_items (item_id, order_id, product_name, quantity, price) VALUES (?, ?, ?, ?, ?)");
    }

    public void write(UserBatch batch) throws SQLException {
        for (UserRow user : batch.users()) {
            addRow(users, user.userId(), user.name(), user.email(), user.phone(), user.createdAt(), user.createdAt());
        }
        for (AddressRow address : batch.addresses()) {
            addRow(addresses, address.addressId(), address.userId(), address.street(), address.city(), address.state(),
                    address.postalCode(), address.country(), address.createdAt());
        }
        commit(users, addresses);
    }

    public void write(OrderBatch batch) throws SQLException {
        for (OrderRow order : batch.orders()) {
            addRow(orders, order.orderId(), order.userId(), order.addressId(), BigDecimal.valueOf(order.totalCents(), 2),
                    OrderRow.STATUS, order.orderDate(), order.orderDate());
        }
        for (ItemRow item : batch.items()) {
            addRow(items, item.itemId(), item.orderId(), item.productName(), item.quantity(),
                    BigDecimal.valueOf(item.priceCents(), 2));
        }
        commit(orders, items);
    }

    /** A row of {@code statement}'s batch: its parameters in order. */
    private static void addRow(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    private void commit(PreparedStatement parents, PreparedStatement children) throws SQLException {
        try {
            parents.executeBatch();
            children.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            parents.clearBatch();
            children.clearBatch();
            connection.rollback();
            throw e;
        }
    }

    /** Closes the statements; the connection stays open (it belongs to the caller). */
    @Override
    public void close() throws SQLException {
        try (users; addresses; orders; items) {
            connection.setAutoCommit(true);
        }
    }
}
