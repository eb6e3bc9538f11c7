package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.OrderDocuments;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the orders with their items as the API shows them ({@code order_details_documents}): no save,
 * update or delete exists here. One statement per filter, each a range scan of one index in {@code order_id} order:
 * the primary key, {@code order_details_status (order_status, order_id)}, {@code order_details_user_id (user_id,
 * order_id)}. A filtered page is the index range after {@code (value, after)} up to the value's end, written as a row
 * comparison: with a plain {@code order_status = ?} a prepared statement's generic plan walks the primary key and
 * filters (the status being a parameter, it cannot know how rare it is); this form only that index can answer in
 * order, whatever the values (IndexUsageITCase EXPLAINs these generic plans).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderDetailsRepository extends GenericRepository<Document, Long>, OrderDocuments {
    String DOCUMENTS = "SELECT order_id AS id, document::text AS json FROM order_details_documents";
    String BY_ID = "SELECT document::text FROM order_details_documents WHERE order_id = :orderId";
    String ALL = DOCUMENTS + " WHERE order_id > :after ORDER BY order_id LIMIT :limit";
    String BY_STATUS = DOCUMENTS + " WHERE (order_status, order_id) > (:status, :after) AND order_status <= :status"
            + " ORDER BY order_status, order_id LIMIT :limit";
    String BY_USER = DOCUMENTS + " WHERE (user_id, order_id) > (:userId, :after) AND user_id <= :userId"
            + " ORDER BY user_id, order_id LIMIT :limit";
    String BY_USER_AND_STATUS = DOCUMENTS + " WHERE (user_id, order_id) > (:userId, :after) AND user_id <= :userId"
            + " AND order_status = :status ORDER BY user_id, order_id LIMIT :limit";

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
