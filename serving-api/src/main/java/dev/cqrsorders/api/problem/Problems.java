package dev.cqrsorders.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/**
 * The client errors this API raises. Their message becomes the problem's {@code detail}, so it names the parameter,
 * the value received and what is allowed, and never carries SQL or internals.
 */
public final class Problems {
    private Problems() {}

    public static HttpStatusException badParameter(String name, String value, String expected) {
        return new HttpStatusException(HttpStatus.BAD_REQUEST,
                name + " must be " + expected + ", got '" + printable(value) + "'");
    }

    public static HttpStatusException notFound(String resource, String idName, long id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no " + resource + " with " + idName + " " + id);
    }

    /** Echoes at most 64 characters of what the client sent, without control characters. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
