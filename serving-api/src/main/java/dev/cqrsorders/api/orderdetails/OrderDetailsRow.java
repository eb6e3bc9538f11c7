package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.db.UtcTimestamp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A row of {@code order_details} as stored; {@code items} is the JSONB text. */
@MappedEntity("order_details")
public record OrderDetailsRow(
        @Id long orderId,
        long userId,
        @Nullable String userName,
        @Nullable String userEmail,
        @Nullable String userPhone,
        @Nullable Long addressId,
        @Nullable String fullAddress,
        BigDecimal total,
        @UtcTimestamp LocalDateTime orderDate,
        String orderStatus,
        @UtcTimestamp LocalDateTime lastOrderUpdate,
        int itemCount,
        BigDecimal itemsTotal,
        String orderItemsDetails,
        String items) {
}
