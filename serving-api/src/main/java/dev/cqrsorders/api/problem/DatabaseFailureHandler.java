package dev.cqrsorders.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database failure (no connection within the pool's timeout, a statement cut by statement_timeout, a lost
 * connection) becomes a 503 problem with {@code Retry-After}; a statement the database refuses is a bug, a 500. The
 * cause is logged here and never sent.
 */
abstract class DatabaseFailureHandler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailureHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    DatabaseFailureHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    /** An outage (503, retry later); otherwise a bug (500): a statement PostgreSQL refuses, a permission missing. */
    boolean isOutage(E exception) {
        return true;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, E exception) {
        if (!isOutage(exception)) {
            LOG.error("{} {} -> 500: {}", request.getMethodName(), request.getPath(), rootMessage(exception), exception);
            return errorResponseProcessor.processResponse(
                    ErrorContext.builder(request).cause(exception).errorMessage("internal error").build(),
                    HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
        }
        LOG.warn("{} {} -> 503: {}", request.getMethodName(), request.getPath(), rootMessage(exception));
        return errorResponseProcessor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage("database unavailable").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
    }

    private static String rootMessage(Throwable exception) {
        StringBuilder chain = new StringBuilder(exception.toString());
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause);
        }
        return chain.toString();
    }
}
