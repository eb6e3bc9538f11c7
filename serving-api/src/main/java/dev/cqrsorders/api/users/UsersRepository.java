package dev.cqrsorders.api.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to {@code users}: no save, update or delete exists here. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsersRepository extends GenericRepository<UserRow, Long> {
    @Query(value = UsersSql.BY_ID, readOnly = true)
    Optional<UserRow> findById(long userId);

    @Query(value = UsersSql.ALL, readOnly = true)
    List<UserRow> listAfter(long after, int limit);
}
