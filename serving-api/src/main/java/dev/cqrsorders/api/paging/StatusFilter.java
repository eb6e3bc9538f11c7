package dev.cqrsorders.api.paging;

import dev.cqrsorders.api.problem.Problems;

import java.util.List;
import java.util.Optional;

/** The {@code status} filter: one of the contract's lifecycle statuses, lowercase, in lifecycle order. */
public final class StatusFilter {
    public static final List<String> STATUSES =
            List.of("created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled");

    private StatusFilter() {}

    public static Optional<String> parse(String value) {
        if (QueryValues.isAbsent(value)) {
            return Optional.empty();
        }
        if (!STATUSES.contains(value)) {
            throw Problems.badParameter("status", value, "one of " + String.join(", ", STATUSES));
        }
        return Optional.of(value);
    }
}
