package dev.cqrsorders.seed.shop;

import java.time.LocalDateTime;

/** A row of {@code addresses}. Times are UTC. */
public record AddressRow(long addressId, long userId, String street, String city, String state, String postalCode,
                         String country, LocalDateTime createdAt) {
}
