package dev.cqrsorders.seed.shop;

import java.time.LocalDateTime;

/** A row of {@code users}; {@code updated_at} equals {@code created_at}. Times are UTC. */
public record UserRow(long userId, String name, String email, String phone, LocalDateTime createdAt) {
}
