package dev.cqrsorders.api.paging;

import java.util.Optional;

/** The {@code user_id} filter: a positive integer id when present. */
public final class UserFilter {
    private UserFilter() {}

    public static Optional<Long> parse(String value) {
        return QueryValues.isAbsent(value) ? Optional.empty() : Optional.of(QueryValues.id("user_id", value));
    }
}
