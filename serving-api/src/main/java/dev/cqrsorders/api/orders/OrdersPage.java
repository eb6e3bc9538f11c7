package dev.cqrsorders.api.orders;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One keyset page: {@code "orders"} and {@code "next_after"} (the last order_id of the page, or null on the last
 * page).
 */
@Schema(name = "OrdersPage", description = "One page of orders in order_id order")
public record OrdersPage(
        List<Order> orders,
        @Schema(name = "next_after", nullable = true,
                description = "pass as after= for the next page; null on the last page") @Nullable Long nextAfter) {
}
