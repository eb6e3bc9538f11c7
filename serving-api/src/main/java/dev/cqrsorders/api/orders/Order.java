package dev.cqrsorders.api.orders;

import dev.cqrsorders.api.request.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order of the write model as projected: its own status (not the merged order_status of order_details). The OpenAPI
 * description of {@code orders_documents} (migration V3).
 */
@Schema(name = "Order")
public record Order(
        @Schema(name = "order_id", example = "42") long orderId,
        @Schema(name = "user_id", example = "7") long userId,
        @Schema(name = "address_id", nullable = true) @Nullable Long addressId,
        @Schema(description = "two decimals", example = "391.12") String total,
        OrderStatus status,
        @Schema(name = "order_date", format = "date-time", example = "2026-11-26T12:00:00.123Z") String orderDate,
        @Schema(name = "updated_at", format = "date-time", example = "2026-11-26T12:00:00.123Z") String updatedAt) {
}
