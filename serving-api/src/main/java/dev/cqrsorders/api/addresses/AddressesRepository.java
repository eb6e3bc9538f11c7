package dev.cqrsorders.api.addresses;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Read-only access to {@code addresses}: no save, update or delete exists here. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AddressesRepository extends GenericRepository<AddressRow, Long> {
    @Query(value = AddressesSql.BY_ID, readOnly = true)
    Optional<AddressRow> findById(long addressId);

    @Query(value = AddressesSql.ALL, readOnly = true)
    List<AddressRow> listAfter(long after, int limit);

    @Query(value = AddressesSql.BY_USER, readOnly = true)
    List<AddressRow> listByUserAfter(long userId, long after, int limit);
}
