package dev.cqrsorders.api.addresses;

import dev.cqrsorders.api.Document;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the addresses projection as the API shows it ({@code addresses_documents}): primary key, or
 * {@code addresses_user_id (user_id, address_id)} for the user filter, in {@code address_id} order.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AddressesRepository extends GenericRepository<Document, Long> {
    String DOCUMENTS = "SELECT address_id AS id, document::text AS json FROM addresses_documents";
    String BY_ID = "SELECT document::text FROM addresses_documents WHERE address_id = :addressId";
    String ALL = DOCUMENTS + " WHERE address_id > :after ORDER BY address_id LIMIT :limit";
    // a row comparison, for the generic plan: see OrderDetailsRepository
    String BY_USER = DOCUMENTS + " WHERE (user_id, address_id) > (:userId, :after) AND user_id <= :userId"
            + " ORDER BY user_id, address_id LIMIT :limit";

    /** The document alone: a single column, no row to map. */
    @Query(value = BY_ID, readOnly = true)
    Optional<String> findById(long addressId);

    @Query(value = ALL, readOnly = true)
    List<Document> listAfter(long after, int limit);

    @Query(value = BY_USER, readOnly = true)
    List<Document> listByUserAfter(long userId, long after, int limit);
}
