package dev.cqrsorders.api.orderdetails;

/**
 * The SQL of {@link OrderDetailsRepository}, one statement per filter combination so that each is a plain index range
 * scan already in {@code order_id} order: the primary key, {@code order_details_status (order_status, order_id)} or
 * {@code order_details_user_id (user_id, order_id)}. Shared with the test that EXPLAINs them.
 */
public final class OrderDetailsSql {
    static final String SELECT = "SELECT order_id, user_id, user_name, user_email, user_phone, address_id, full_address,"
            + " total, order_date, order_status, last_order_update, item_count, items_total, order_items_details, items"
            + " FROM order_details";
    private static final String PAGE = " ORDER BY order_id LIMIT :limit";

    public static final String BY_ID = SELECT + " WHERE order_id = :orderId";
    public static final String ALL = SELECT + " WHERE order_id > :after" + PAGE;
    public static final String BY_STATUS = SELECT + " WHERE order_status = :status AND order_id > :after" + PAGE;
    public static final String BY_USER = SELECT + " WHERE user_id = :userId AND order_id > :after" + PAGE;
    public static final String BY_USER_AND_STATUS =
            SELECT + " WHERE user_id = :userId AND order_status = :status AND order_id > :after" + PAGE;

    private OrderDetailsSql() {}
}
