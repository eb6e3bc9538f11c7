package dev.cqrsorders.api.users;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A user of the write model as projected: the OpenAPI description of {@code users_documents} (migration V3). */
@Schema(name = "User")
public record User(
        @Schema(name = "user_id", example = "7") long userId,
        @Schema(example = "Ada Lovelace") String name,
        @Schema(example = "ada@example.com") String email,
        @Schema(nullable = true, example = "+1 555 0100") @Nullable String phone,
        @Schema(name = "created_at", format = "date-time", example = "2026-11-26T12:00:00.123Z") String createdAt,
        @Schema(name = "updated_at", format = "date-time", example = "2026-11-26T12:00:00.123Z") String updatedAt) {
}
