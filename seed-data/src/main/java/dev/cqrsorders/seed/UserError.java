package dev.cqrsorders.seed;

/**
 * A failure the user can act on (a server is unreachable, a table is missing, ...). Its message is printed as the
 * one-line error; the cause, if any, only with {@code --verbose}.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
