package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.request.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An order as the API shows it: the {@code order_details} row with its items; user and address may be null. The
 * OpenAPI description of the documents PostgreSQL renders ({@code order_details_documents}, migrations V3, V4).
 */
@Schema(name = "OrderDetails")
public record OrderDetails(
        @Schema(name = "order_id", example = "42") long orderId,
        @Schema(name = "user_id", example = "7") long userId,
        @Schema(name = "user_name", nullable = true) @Nullable String userName,
        @Schema(name = "user_email", nullable = true) @Nullable String userEmail,
        @Schema(name = "user_phone", nullable = true) @Nullable String userPhone,
        @Schema(name = "address_id", nullable = true) @Nullable Long addressId,
        @Schema(name = "full_address", nullable = true, description = "street, city, state, postal_code, country")
        @Nullable String fullAddress,
        @Schema(description = "two decimals", example = "391.12") String total,
        @Schema(name = "order_date", format = "date-time", example = "2026-11-26T12:00:00.123Z") String orderDate,
        @Schema(name = "order_status") OrderStatus orderStatus,
        @Schema(name = "last_order_update", format = "date-time", example = "2026-11-26T12:05:00.000Z")
        String lastOrderUpdate,
        @Schema(name = "item_count", example = "2") int itemCount,
        @Schema(name = "items_total", description = "two decimals", example = "391.12") String itemsTotal,
        @Schema(name = "order_items_details", example = "Margherita (Qty: 2, Price: 12.50, Total: 25.00)")
        String orderItemsDetails,
        @Schema(description = "in item_id order") List<OrderItem> items,
        @Schema(name = "read_model_updated_at", format = "date-time", example = "2026-11-26T12:05:00.042Z",
                description = "when the job last wrote this row (PostgreSQL's clock, UTC)") String readModelUpdatedAt) {
}
