package dev.cqrsorders.api.orders;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to {@code orders}: no save, update or delete exists here. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrdersRepository extends GenericRepository<OrderRow, Long> {
    @Query(value = OrdersSql.BY_ID, readOnly = true)
    Optional<OrderRow> findById(long orderId);

    @Query(value = OrdersSql.ALL, readOnly = true)
    List<OrderRow> listAfter(long after, int limit);

    @Query(value = OrdersSql.BY_STATUS, readOnly = true)
    List<OrderRow> listByStatusAfter(String status, long after, int limit);

    @Query(value = OrdersSql.BY_USER, readOnly = true)
    List<OrderRow> listByUserAfter(long userId, long after, int limit);

    @Query(value = OrdersSql.BY_USER_AND_STATUS, readOnly = true)
    List<OrderRow> listByUserAndStatusAfter(long userId, String status, long after, int limit);
}
