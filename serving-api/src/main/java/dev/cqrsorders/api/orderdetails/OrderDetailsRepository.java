package dev.cqrsorders.api.orderdetails;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to {@code order_details}: no save, update or delete exists here. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderDetailsRepository extends GenericRepository<OrderDetailsRow, Long> {
    @Query(value = OrderDetailsSql.BY_ID, readOnly = true)
    Optional<OrderDetailsRow> findById(long orderId);

    @Query(value = OrderDetailsSql.ALL, readOnly = true)
    List<OrderDetailsRow> listAfter(long after, int limit);

    @Query(value = OrderDetailsSql.BY_STATUS, readOnly = true)
    List<OrderDetailsRow> listByStatusAfter(String status, long after, int limit);

    @Query(value = OrderDetailsSql.BY_USER, readOnly = true)
    List<OrderDetailsRow> listByUserAfter(long userId, long after, int limit);

    @Query(value = OrderDetailsSql.BY_USER_AND_STATUS, readOnly = true)
    List<OrderDetailsRow> listByUserAndStatusAfter(long userId, String status, long after, int limit);
}
