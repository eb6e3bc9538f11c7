package dev.cqrsorders.api.paging;

import java.util.List;
import java.util.function.ToLongFunction;

/** One page of rows and the cursor of the next page ({@code null} on the last page). */
public record Page<T>(List<T> rows, Long nextAfter) {
    /** Cuts rows fetched with {@link Paging#fetchSize()} to the page and derives the next cursor. */
    public static <T> Page<T> of(List<T> fetched, Paging paging, ToLongFunction<T> id) {
        if (fetched.size() <= paging.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> rows = fetched.subList(0, paging.limit());
        return new Page<>(rows, id.applyAsLong(rows.get(rows.size() - 1)));
    }
}
