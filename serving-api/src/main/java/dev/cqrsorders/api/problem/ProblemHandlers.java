package dev.cqrsorders.api.problem;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How failures become problem responses. A parameter that is not of its type or outside its constraint is a 400 that
 * names it. A database outage (no connection within the pool's timeout, a connection lost, a statement cut by
 * statement_timeout) is a 503 with {@code Retry-After}; a statement the database refuses is a bug, a 500. The cause of
 * a 5xx is logged here and never sent.
 */
@Factory
final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ErrorResponseProcessor<?> processor;

    ProblemHandlers(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    /** {@code limit=ten}, {@code status=shipped}: what the parameter accepts, as its constraint's message says it. */
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    ExceptionHandler<ConversionErrorException, HttpResponse<?>> notOfItsType() {
        return (request, e) -> Problems.badParameter(processor, request, e, rule(e.getArgument()),
                e.getConversionError().getOriginalValue().orElse(""));
    }

    /** {@code limit=0}, {@code order_id=-5}: the constraint's message. */
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    ExceptionHandler<ConstraintViolationException, HttpResponse<?>> outsideItsConstraint() {
        return (request, e) -> {
            ConstraintViolation<?> first = e.getConstraintViolations().iterator().next();
            return Problems.badParameter(processor, request, e, first.getMessage(), first.getInvalidValue());
        };
    }

    /** No connection within the pool's connection timeout: PostgreSQL down, unreachable, or the pool exhausted. */
    @Singleton
    ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> noConnection() {
        return this::outage;
    }

    /**
     * A pooled connection found closed while the transaction is set up (PostgreSQL crashed since the pool handed it
     * out; "Could not set JDBC Connection read-only").
     */
    @Singleton
    ExceptionHandler<ConnectionException, HttpResponse<?>> lostConnection() {
        return this::outage;
    }

    /**
     * A statement that failed in the database. An outage — the connection lost mid-query or refused (SQLSTATE class
     * 08), the server shutting down or the statement cut by statement_timeout (57), out of resources (53), a
     * serialization failure (40), or no SQLSTATE at all (an I/O error). Anything else (a value PostgreSQL cannot
     * convert, a missing permission, bad SQL) is a bug.
     */
    @Singleton
    ExceptionHandler<DataAccessException, HttpResponse<?>> statementFailed() {
        return (request, e) -> isOutage(e) ? outage(request, e) : bug(request, e);
    }

    private static String rule(Argument<?> argument) {
        AnnotationMetadata metadata = argument.getAnnotationMetadata();
        String name = metadata.stringValue(Bindable.class).orElse(argument.getName());
        if (argument.getType().isEnum()) {
            return name + " must be one of " + Arrays.stream(argument.getType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return metadata.getAnnotationValuesByStereotype(Constraint.class.getName()).stream()
                .flatMap(constraint -> constraint.stringValue("message").stream())
                .findFirst()
                .orElse(name + " is malformed");
    }

    private static boolean isOutage(DataAccessException exception) {
        for (Throwable cause = exception; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                        || state.startsWith("40");
            }
        }
        return true;
    }

    private HttpResponse<?> outage(HttpRequest<?> request, Exception exception) {
        LOG.warn("{} {} -> 503: {}", request.getMethodName(), request.getPath(), causeChain(exception));
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage("database unavailable").build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
    }

    private HttpResponse<?> bug(HttpRequest<?> request, Exception exception) {
        LOG.error("{} {} -> 500: {}", request.getMethodName(), request.getPath(), causeChain(exception), exception);
        return processor.processResponse(
                ErrorContext.builder(request).cause(exception).errorMessage("internal error").build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    private static String causeChain(Throwable exception) {
        StringBuilder chain = new StringBuilder(exception.toString());
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause);
        }
        return chain.toString();
    }
}
