package dev.cqrsorders.api.orders;

import dev.cqrsorders.api.paging.Page;
import dev.cqrsorders.api.paging.Paging;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** Reads the {@code orders} projection: by id, or one keyset page filtered by status and/or user. */
@Singleton
public final class OrdersReader {
    private final OrdersRepository repository;

    public OrdersReader(OrdersRepository repository) {
        this.repository = repository;
    }

    public Optional<Order> byId(long orderId) {
        return repository.findById(orderId).map(Order::of);
    }

    public Page<Order> page(Optional<String> status, Optional<Long> userId, Paging paging) {
        long after = paging.after();
        int size = paging.fetchSize();
        List<OrderRow> rows;
        if (userId.isPresent() && status.isPresent()) {
            rows = repository.listByUserAndStatusAfter(userId.get(), status.get(), after, size);
        } else if (userId.isPresent()) {
            rows = repository.listByUserAfter(userId.get(), after, size);
        } else if (status.isPresent()) {
            rows = repository.listByStatusAfter(status.get(), after, size);
        } else {
            rows = repository.listAfter(after, size);
        }
        Page<OrderRow> page = Page.of(rows, paging, OrderRow::orderId);
        return new Page<>(page.rows().stream().map(Order::of).toList(), page.nextAfter());
    }
}
