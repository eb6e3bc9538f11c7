package dev.cqrsorders.api.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the change feed: a range after a number, an order's latest change, the orders a filter selects
 * now.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderChangesRepository extends GenericRepository<OrderChange, Long> {
    String CHANGES = "SELECT change_seq, order_id, document, user_id, order_status FROM order_details_changes";

    @Query(value = CHANGES + " WHERE change_seq > :after ORDER BY change_seq LIMIT :limit", readOnly = true)
    List<OrderChange> after(long after, int limit);

    /** The order's current document, or its deletion, whichever is newer. */
    @Query(value = CHANGES + " WHERE order_id = :orderId ORDER BY change_seq DESC LIMIT 1", readOnly = true)
    Optional<OrderChange> latest(long orderId);

    /** A page of the orders a stream's filters select, as they are now, in order_id order after {@code after}. */
    @Query(value = "SELECT change_seq, order_id, document::text AS document, user_id, order_status"
            + " FROM order_details_documents WHERE order_id > :after"
            + " AND (CAST(:status AS text) IS NULL OR order_status = :status)"
            + " AND (CAST(:userId AS bigint) IS NULL OR user_id = :userId) ORDER BY order_id LIMIT :limit", readOnly = true)
    List<OrderChange> current(@Nullable String status, @Nullable Long userId, long after, int limit);
}
