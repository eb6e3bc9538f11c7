package dev.cqrsorders.api.stream;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to the change feed: a range after a number, an order's latest change, the newest number. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderChangesRepository extends GenericRepository<OrderChange, Long> {
    String CHANGES = "SELECT change_seq, order_id, document FROM order_details_changes";

    @Query(value = CHANGES + " WHERE change_seq > :after ORDER BY change_seq LIMIT :limit", readOnly = true)
    List<OrderChange> after(long after, int limit);

    /** The order's current document, or its deletion, whichever is newer. */
    @Query(value = CHANGES + " WHERE order_id = :orderId ORDER BY change_seq DESC LIMIT 1", readOnly = true)
    Optional<OrderChange> latest(long orderId);

    @Query(value = "SELECT greatest((SELECT max(change_seq) FROM order_details),"
            + " (SELECT max(change_seq) FROM read_model_tombstones), 0)", readOnly = true)
    long newest();
}
