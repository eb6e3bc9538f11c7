package dev.cqrsorders.api.addresses;

import io.swagger.v3.oas.annotations.media.Schema;

/** An address of the write model as projected: the OpenAPI description of {@code addresses_documents} (migration V3). */
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
}
