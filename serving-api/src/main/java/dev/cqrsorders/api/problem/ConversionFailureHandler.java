package dev.cqrsorders.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A parameter that is not even of its type ({@code limit=ten}, {@code status=shipped}): a 400 that says what the
 * parameter accepts, as its constraint's message does, or, for an enum, which values it takes.
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
final class ConversionFailureHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> processor;

    ConversionFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        Object value = exception.getConversionError().getOriginalValue().orElse("");
        return Problems.badParameter(processor, request, exception, rule(exception.getArgument()), value);
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
}
