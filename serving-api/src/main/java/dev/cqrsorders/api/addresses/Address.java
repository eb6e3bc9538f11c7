package dev.cqrsorders.api.addresses;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cqrsorders.api.format.UtcTimestamps;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

/** An address of the write model as projected. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Address")
public record Address(
        @Schema(name = "address_id", example = "3") long addressId,
        @Schema(name = "user_id", example = "7") long userId,
        @Schema(example = "1 Main St") String street,
        @Schema(example = "Springfield") String city,
        @Schema(example = "IL") String state,
        @Schema(name = "postal_code", example = "62701") String postalCode,
        @Schema(example = "US") String country,
        @Schema(name = "created_at", format = "date-time", example = "2026-11-26T12:00:00.123Z") String createdAt) {

    static Address of(AddressRow row) {
        return new Address(row.addressId(), row.userId(), row.street(), row.city(), row.state(), row.postalCode(),
                row.country(), UtcTimestamps.format(row.createdAt()));
    }
}
