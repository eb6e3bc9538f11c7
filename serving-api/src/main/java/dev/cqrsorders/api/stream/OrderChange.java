package dev.cqrsorders.api.stream;

import dev.cqrsorders.api.request.OrderFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * One entry of the order_details change feed ({@code order_details_changes}): the number of the write, the order, and
 * its document as the API serves it with its user and status, or null for all three when the write deleted the order.
 */
@MappedEntity
public record OrderChange(@Id long changeSeq, long orderId, @Nullable String document, @Nullable Long userId,
                          @Nullable String orderStatus) {
    public boolean deleted() {
        return document == null;
    }

    /**
     * Whether a stream with this filter sends the change. A deletion goes to every stream: the deleted row's user
     * and status are no longer known, and a client that never saw the order can ignore it.
     */
    public boolean matches(OrderFilter filter) {
        return deleted() || (filter.status() == null || filter.status().name().equals(orderStatus))
                && (filter.userId() == null || filter.userId().equals(userId));
    }
}
