package dev.cqrsorders.api.users;

import dev.cqrsorders.api.Document;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to the users projection as the API shows it ({@code users_documents}), in {@code user_id} order. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsersRepository extends GenericRepository<Document, Long> {
    String DOCUMENTS = "SELECT user_id AS id, document::text AS json FROM users_documents";
    String BY_ID = "SELECT document::text FROM users_documents WHERE user_id = :userId";
    String ALL = DOCUMENTS + " WHERE user_id > :after ORDER BY user_id LIMIT :limit";

    /** The document alone: a single column, no row to map. */
    @Query(value = BY_ID, readOnly = true)
    Optional<String> findById(long userId);

    @Query(value = ALL, readOnly = true)
    List<Document> listAfter(long after, int limit);
}
