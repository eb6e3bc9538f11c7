package dev.cqrsorders.api.users;

import dev.cqrsorders.api.db.UtcTimestamp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A row of the {@code users} projection. */
@MappedEntity("users")
public record UserRow(
        @Id long userId,
        String name,
        String email,
        @Nullable String phone,
        @UtcTimestamp LocalDateTime createdAt,
        @UtcTimestamp LocalDateTime updatedAt) {
}
