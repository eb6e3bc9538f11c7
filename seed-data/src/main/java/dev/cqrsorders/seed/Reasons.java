package dev.cqrsorders.seed;

/** A short, one-line reason for an exception from a driver or client library. */
public final class Reasons {
    private Reasons() {
    }

    /** The first line of the message plus the root cause, e.g. "Communications link failure (Connection refused)". */
    public static String of(Throwable e) {
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
