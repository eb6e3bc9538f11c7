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

    /** A short, one-line reason for an exception from a driver or client library, e.g.
     * "Communications link failure (Connection refused)": the first line of its message plus its root cause's. */
    public static String reason(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = firstLine(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = firstLine(root.getMessage());
        if (message.isEmpty()) {
            message = e.getClass().getSimpleName();
        }
        return root == e || rootMessage.isEmpty() || message.contains(rootMessage) ? message
                : message + " (" + rootMessage + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String stripped = message.strip();
        int newline = stripped.indexOf('\n');
        return OneLineErrors.oneLine(newline < 0 ? stripped : stripped.substring(0, newline));
    }
}
