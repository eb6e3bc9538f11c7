package dev.cqrsorders.seed.shop;

import java.util.List;

/** Orders with their items, written in one transaction. */
public record OrderBatch(List<OrderRow> orders, List<ItemRow> items) {
    public int rowCount() {
        return orders.size() + items.size();
    }
}
