package dev.cqrsorders.api.problem;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.sql.SQLException;

/**
 * A statement that failed in the database. An outage — the connection lost mid-query or refused (SQLSTATE class 08),
 * the server shutting down or the statement cut by statement_timeout (57), out of resources (53), a serialization
 * failure (40), or no SQLSTATE at all (an I/O error) — is a 503. Anything else (a value PostgreSQL cannot convert, a
 * missing permission, bad SQL) is a bug: a 500.
 */
@Singleton
final class QueryFailureHandler extends DatabaseFailureHandler<DataAccessException> {
    QueryFailureHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        super(errorResponseProcessor);
    }

    @Override
    boolean isOutage(DataAccessException exception) {
        for (Throwable cause = exception; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                        || state.startsWith("40");
            }
        }
        return true;
    }
}
