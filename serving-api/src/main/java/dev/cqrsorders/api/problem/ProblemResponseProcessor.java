package dev.cqrsorders.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Renders every error response of the server (ours, unknown routes, wrong methods, failures) as
 * {@code application/problem+json}, whatever the client accepts. For server errors (5xx) the detail is a fixed
 * sentence: an exception's message may hold SQL or internals and never reaches a client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Problem problem = Problem.of(status.getCode(), status.getReason(), detail(context, status));
        return response.contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE).body(problem);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            return "the read model database is not available; retry later";
        }
        if (status.getCode() >= 500) {
            return "the server failed to answer this request";
        }
        if (status == HttpStatus.NOT_FOUND && !context.hasErrors()) {
            return noResourceAt(context);
        }
        String messages = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        if (status == HttpStatus.NOT_FOUND && messages.equals("Page Not Found")) {
            return noResourceAt(context);
        }
        return messages.isEmpty() ? status.getReason() : messages;
    }

    private static String noResourceAt(ErrorContext context) {
        String path = context.getRequest().getPath();
        return "no resource at " + (path.length() > 200 ? path.substring(0, 200) + "..." : path);
    }
}
