package dev.cqrsorders.api.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * One entry of the order_details change feed ({@code order_details_changes}, migration V5): the number of the write,
 * the order, and its document as the API serves it, or null when the write deleted the order.
 */
@MappedEntity
public record OrderChange(@Id long changeSeq, long orderId, @Nullable String document) {
    public boolean deleted() {
        return document == null;
    }
}
