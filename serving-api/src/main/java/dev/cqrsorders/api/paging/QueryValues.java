package dev.cqrsorders.api.paging;

import dev.cqrsorders.api.problem.Problems;

/** Parses raw path and query values; a value that does not fit is a 400 naming the parameter and what it allows. */
public final class QueryValues {
    private QueryValues() {}

    public static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    /** An id in a path or filter: a positive 64-bit integer. */
    public static long id(String name, String value) {
        long id = parseLong(value);
        if (id < 1) {
            throw Problems.badParameter(name, value, "a positive integer id (1 to " + Long.MAX_VALUE + ")");
        }
        return id;
    }

    public static long nonNegativeLong(String name, String value, String meaning) {
        long parsed = parseLong(value);
        if (parsed < 0) {
            throw Problems.badParameter(name, value, "a non-negative integer (" + meaning + ")");
        }
        return parsed;
    }

    public static int intInRange(String name, String value, int min, int max) {
        long parsed = parseLong(value);
        if (parsed < min || parsed > max) {
            throw Problems.badParameter(name, value, "an integer from " + min + " to " + max);
        }
        return (int) parsed;
    }

    /** Digits only (an optional leading minus); anything else, or overflow, becomes -1 and so fails every check. */
    private static long parseLong(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty() || text.length() > 20 || !text.matches("-?[0-9]+")) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException overflow) {
            return -1;
        }
    }
}
