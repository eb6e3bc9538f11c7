package dev.cqrsorders.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * The client errors this API raises. Their detail names the parameter, the value received and what is allowed, and
 * never carries SQL or internals.
 */
public final class Problems {
    private Problems() {}

    public static HttpStatusException notFound(String resource, String idName, long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no " + resource + " with " + idName + " " + id);
    }

    /** A 400: {@code rule} (what the parameter accepts, naming it), then what the client sent. */
    static HttpResponse<?> badParameter(ErrorResponseProcessor<?> processor, HttpRequest<?> request, Exception cause,
                                        String rule, Object value) {
        String detail = rule + ", got '" + printable(String.valueOf(value)) + "'";
        return processor.processResponse(ErrorContext.builder(request).cause(cause).errorMessage(detail).build(),
                HttpResponse.badRequest());
    }

    /** Echoes at most 64 characters of what the client sent, without control characters. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
