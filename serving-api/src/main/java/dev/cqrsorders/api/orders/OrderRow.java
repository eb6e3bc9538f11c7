package dev.cqrsorders.api.orders;

import dev.cqrsorders.api.db.UtcTimestamp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A row of the {@code orders} projection (the order service's own status and when it set it). */
@MappedEntity("orders")
public record OrderRow(
        @Id long orderId,
        long userId,
        @Nullable Long addressId,
        BigDecimal total,
        String status,
        @UtcTimestamp LocalDateTime orderDate,
        @UtcTimestamp LocalDateTime updatedAt) {
}
