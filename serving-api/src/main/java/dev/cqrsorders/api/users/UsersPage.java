package dev.cqrsorders.api.users;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One keyset page: {@code "users"} and {@code "next_after"} (the last user_id of the page, or null on the last
 * page).
 */
@Schema(name = "UsersPage", description = "One page of users in user_id order")
public record UsersPage(
        List<User> users,
        @Schema(name = "next_after", nullable = true,
                description = "pass as after= for the next page; null on the last page") @Nullable Long nextAfter) {
}
