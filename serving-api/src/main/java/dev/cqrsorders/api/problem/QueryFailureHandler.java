package dev.cqrsorders.api.problem;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A statement that failed in the database (statement timeout, connection lost mid-query, server shutting down): 503. */
@Singleton
final class QueryFailureHandler extends DatabaseFailureHandler<DataAccessException> {
    QueryFailureHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        super(errorResponseProcessor);
    }
}
