package dev.cqrsorders.api.orders;

/**
 * The SQL of {@link OrdersRepository}: one statement per filter combination, each an index range scan in
 * {@code order_id} order (primary key, {@code orders_status (status, order_id)}, {@code orders_user_id (user_id, order_id)}).
 */
public final class OrdersSql {
    static final String SELECT = "SELECT order_id, user_id, address_id, total, status, order_date, updated_at FROM orders";
    private static final String PAGE = " ORDER BY order_id LIMIT :limit";

    public static final String BY_ID = SELECT + " WHERE order_id = :orderId";
    public static final String ALL = SELECT + " WHERE order_id > :after" + PAGE;
    public static final String BY_STATUS = SELECT + " WHERE status = :status AND order_id > :after" + PAGE;
    public static final String BY_USER = SELECT + " WHERE user_id = :userId AND order_id > :after" + PAGE;
    public static final String BY_USER_AND_STATUS =
            SELECT + " WHERE user_id = :userId AND status = :status AND order_id > :after" + PAGE;

    private OrdersSql() {}
}
