package dev.cqrsorders.api.orders;

import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.OrderDocuments;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the orders projection as the API shows it ({@code orders_documents}): primary key,
 * {@code orders_status (status, order_id)}, {@code orders_user_id (user_id, order_id)}, each in {@code order_id} order
 * (filtered pages as row comparisons: see OrderDetailsRepository).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrdersRepository extends GenericRepository<Document, Long>, OrderDocuments {
    String DOCUMENTS = "SELECT order_id AS id, document::text AS json FROM orders_documents";
    String BY_ID = "SELECT document::text FROM orders_documents WHERE order_id = :orderId";
    String ALL = DOCUMENTS + " WHERE order_id > :after ORDER BY order_id LIMIT :limit";
    String BY_STATUS = DOCUMENTS + " WHERE (status, order_id) > (:status, :after) AND status <= :status"
            + " ORDER BY status, order_id LIMIT :limit";
    String BY_USER = DOCUMENTS + " WHERE (user_id, order_id) > (:userId, :after) AND user_id <= :userId"
            + " ORDER BY user_id, order_id LIMIT :limit";
    String BY_USER_AND_STATUS = DOCUMENTS + " WHERE (user_id, order_id) > (:userId, :after) AND user_id <= :userId"
            + " AND status = :status ORDER BY user_id, order_id LIMIT :limit";

    /** The document alone: a single column, no row to map. */
    @Query(value = BY_ID, readOnly = true)
    Optional<String> findById(long orderId);

    @Override
    @Query(value = ALL, readOnly = true)
    List<Document> listAfter(long after, int limit);

    @Override
    @Query(value = BY_STATUS, readOnly = true)
    List<Document> listByStatusAfter(String status, long after, int limit);

    @Override
    @Query(value = BY_USER, readOnly = true)
    List<Document> listByUserAfter(long userId, long after, int limit);

    @Override
    @Query(value = BY_USER_AND_STATUS, readOnly = true)
    List<Document> listByUserAndStatusAfter(long userId, String status, long after, int limit);
}
