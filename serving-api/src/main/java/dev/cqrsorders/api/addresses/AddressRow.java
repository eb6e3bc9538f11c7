package dev.cqrsorders.api.addresses;

import dev.cqrsorders.api.db.UtcTimestamp;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A row of the {@code addresses} projection. */
@MappedEntity("addresses")
public record AddressRow(
        @Id long addressId,
        long userId,
        String street,
        String city,
        String state,
        String postalCode,
        String country,
        @UtcTimestamp LocalDateTime createdAt) {
}
