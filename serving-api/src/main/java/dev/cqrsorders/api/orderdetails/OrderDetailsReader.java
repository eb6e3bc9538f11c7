package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.paging.Page;
import dev.cqrsorders.api.paging.Paging;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** Reads orders with their items: by id, or one keyset page filtered by status and/or user. */
@Singleton
public final class OrderDetailsReader {
    private final OrderDetailsRepository repository;
    private final ItemsJson itemsJson;

    public OrderDetailsReader(OrderDetailsRepository repository, ItemsJson itemsJson) {
        this.repository = repository;
        this.itemsJson = itemsJson;
    }

    public Optional<OrderDetails> byId(long orderId) {
        return repository.findById(orderId).map(this::toOrderDetails);
    }

    public Page<OrderDetails> page(Optional<String> status, Optional<Long> userId, Paging paging) {
        long after = paging.after();
        int size = paging.fetchSize();
        List<OrderDetailsRow> rows;
        if (userId.isPresent() && status.isPresent()) {
            rows = repository.listByUserAndStatusAfter(userId.get(), status.get(), after, size);
        } else if (userId.isPresent()) {
            rows = repository.listByUserAfter(userId.get(), after, size);
        } else if (status.isPresent()) {
            rows = repository.listByStatusAfter(status.get(), after, size);
        } else {
            rows = repository.listAfter(after, size);
        }
        Page<OrderDetailsRow> page = Page.of(rows, paging, OrderDetailsRow::orderId);
        return new Page<>(page.rows().stream().map(this::toOrderDetails).toList(), page.nextAfter());
    }

    private OrderDetails toOrderDetails(OrderDetailsRow row) {
        return OrderDetails.of(row, itemsJson.read(row.items()));
    }
}
