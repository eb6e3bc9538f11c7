package dev.cqrsorders.api.request;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Keyset paging, the same for every list endpoint: at most {@code limit} rows whose id is greater than {@code after},
 * in id order. {@code after} is the last id of the previous page (0, the default, starts at the beginning).
 */
@Introspected
public record Page(
        @Parameter(description = "page size", required = false)
        @QueryValue(value = "limit", defaultValue = "50")
        @Min(value = 1, message = ParameterRules.LIMIT) @Max(value = 1000, message = ParameterRules.LIMIT)
        int limit,
        @Parameter(description = "next_after of the previous page (the last id it held); 0 starts at the beginning",
                required = false)
        @QueryValue(value = "after", defaultValue = "0")
        @PositiveOrZero(message = ParameterRules.AFTER)
        long after) {

    /** Rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
