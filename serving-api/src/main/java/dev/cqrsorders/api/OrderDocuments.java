package dev.cqrsorders.api;

import dev.cqrsorders.api.request.OrderFilter;
import dev.cqrsorders.api.request.Page;

import java.util.List;

/**
 * The lists of orders ({@code order_details} and {@code orders}): one keyset read per filter combination, each
 * answered by its own index, and the choice among them. The repositories give each read its SQL.
 */
public interface OrderDocuments {
    List<Document> listAfter(long after, int limit);

    List<Document> listByStatusAfter(String status, long after, int limit);

    List<Document> listByUserAfter(long userId, long after, int limit);

    List<Document> listByUserAndStatusAfter(long userId, String status, long after, int limit);

    /** One page (and the row after it, see {@link Page#fetchSize()}) of the orders the filter selects. */
    default List<Document> list(OrderFilter filter, Page page) {
        long after = page.after();
        int size = page.fetchSize();
        if (filter.status() == null) {
            return filter.userId() == null ? listAfter(after, size) : listByUserAfter(filter.userId(), after, size);
        }
        String status = filter.status().name();
        return filter.userId() == null ? listByStatusAfter(status, after, size)
                : listByUserAndStatusAfter(filter.userId(), status, after, size);
    }
}
