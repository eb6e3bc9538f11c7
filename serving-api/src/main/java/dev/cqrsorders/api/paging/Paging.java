package dev.cqrsorders.api.paging;

/**
 * Keyset paging shared by every list endpoint: at most {@code limit} rows whose id is greater than {@code after},
 * in id order. {@code after} is the last id of the previous page (0, the default, starts at the beginning).
 */
public record Paging(int limit, long after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** From the raw {@code limit} and {@code after} query values; blank or absent means the default. */
    public static Paging parse(String limit, String after) {
        int size = QueryValues.isAbsent(limit) ? DEFAULT_LIMIT
                : QueryValues.intInRange("limit", limit, 1, MAX_LIMIT);
        long cursor = QueryValues.isAbsent(after) ? 0
                : QueryValues.nonNegativeLong("after", after, "the last id of the previous page");
        return new Paging(size, cursor);
    }
}
