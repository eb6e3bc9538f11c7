package dev.cqrsorders.api.orderdetails;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One keyset page: {@code "order_details"} and {@code "next_after"} (the last order_id of the page, or null on the last
 * page).
 */
@Schema(name = "OrderDetailsPage", description = "One page of order_details in order_id order")
public record OrderDetailsPage(
        @Schema(name = "order_details") List<OrderDetails> orderDetails,
        @Schema(name = "next_after", nullable = true,
                description = "pass as after= for the next page; null on the last page") @Nullable Long nextAfter) {
}
