package dev.cqrsorders.api.problem;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** No connection within the pool's connection timeout (PostgreSQL down, unreachable, or the pool exhausted): 503. */
@Singleton
final class ConnectionFailureHandler extends DatabaseFailureHandler<CannotGetJdbcConnectionException> {
    ConnectionFailureHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        super(errorResponseProcessor);
    }
}
