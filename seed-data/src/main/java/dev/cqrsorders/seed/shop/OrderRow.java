package dev.cqrsorders.seed.shop;

import java.time.LocalDateTime;

/**
 * A row of {@code orders}: status {@code created}, set when the order was placed, so {@code updated_at} equals
 * {@code order_date}. The total is the sum of the item lines, in cents. Times are UTC.
 */
public record OrderRow(long orderId, long userId, long addressId, long totalCents, LocalDateTime orderDate) {
    public static final String STATUS = "created";
}
