package dev.cqrsorders.api.orderdetails;

import io.swagger.v3.oas.annotations.media.Schema;

/** One item of an order, as in {@code order_details.items}. */
@Schema(name = "OrderItem")
public record OrderItem(
        @Schema(name = "item_id", example = "7") long itemId,
        @Schema(name = "product_name", example = "Margherita") String productName,
        @Schema(example = "2") int quantity,
        @Schema(description = "unit price, two decimals", example = "12.50", pattern = "^-?[0-9]+\\.[0-9]{2}$") String price,
        @Schema(name = "line_total", description = "quantity × price, two decimals", example = "25.00",
                pattern = "^-?[0-9]+\\.[0-9]{2}$") String lineTotal) {
}
