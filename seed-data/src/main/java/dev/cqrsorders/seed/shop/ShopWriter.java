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
            users.setLong(1, user.userId());
            users.setString(2, user.name());
            users.setString(3, user.email());
            users.setString(4, user.phone());
            users.setObject(5, user.createdAt());
            users.setObject(6, user.createdAt());
            users.addBatch();
        }
        for (AddressRow address : batch.addresses()) {
            addresses.setLong(1, address.addressId());
            addresses.setLong(2, address.userId());
            addresses.setString(3, address.street());
            addresses.setString(4, address.city());
            addresses.setString(5, address.state());
            addresses.setString(6, address.postalCode());
            addresses.setString(7, address.country());
            addresses.setObject(8, address.createdAt());
            addresses.addBatch();
        }
        commit(users, addresses);
    }

    public void write(OrderBatch batch) throws SQLException {
        for (OrderRow order : batch.orders()) {
            orders.setLong(1, order.orderId());
            orders.setLong(2, order.userId());
            orders.setLong(3, order.addressId());
            orders.setBigDecimal(4, BigDecimal.valueOf(order.totalCents(), 2));
            orders.setString(5, OrderRow.STATUS);
            orders.setObject(6, order.orderDate());
            orders.setObject(7, order.orderDate());
            orders.addBatch();
        }
        for (ItemRow item : batch.items()) {
            items.setLong(1, item.itemId());
            items.setLong(2, item.orderId());
            items.setString(3, item.productName());
            items.setInt(4, item.quantity());
            items.setBigDecimal(5, BigDecimal.valueOf(item.priceCents(), 2));
            items.addBatch();
        }
        commit(orders, items);
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
