package dev.cqrsorders.api.problem;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A pooled connection found closed while the transaction is being set up (PostgreSQL crashed since the pool handed
 * it out; "Could not set JDBC Connection read-only"): 503, like any other database outage, not a 500.
 */
@Singleton
final class LostConnectionHandler extends DatabaseFailureHandler<ConnectionException> {
    LostConnectionHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        super(errorResponseProcessor);
    }
}
