package dev.cqrsorders.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/** A parameter outside its constraint ({@code limit=0}, {@code order_id=-5}): a 400 whose detail is the constraint's message. */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintFailureHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> processor;

    ConstraintFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        ConstraintViolation<?> first = exception.getConstraintViolations().iterator().next();
        return Problems.badParameter(processor, request, exception, first.getMessage(), first.getInvalidValue());
    }
}
