package dev.cqrsorders.api.request;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Positive;

/** The filters of the order lists: by status, by user, both or neither. */
@Introspected
public record OrderFilter(
        @Parameter(description = "only orders in this status")
        @Nullable @QueryValue("status")
        OrderStatus status,
        @Parameter(description = "only this user's orders")
        @Nullable @QueryValue("user_id") @Positive(message = ParameterRules.USER_ID)
        Long userId) {
}
