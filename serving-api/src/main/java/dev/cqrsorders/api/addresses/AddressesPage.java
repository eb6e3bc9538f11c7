package dev.cqrsorders.api.addresses;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * One keyset page: {@code "addresses"} and {@code "next_after"} (the last address_id of the page, or null on the last
 * page).
 */
@Schema(name = "AddressesPage", description = "One page of addresses in address_id order")
public record AddressesPage(
        List<Address> addresses,
        @Schema(name = "next_after", nullable = true,
                description = "pass as after= for the next page; null on the last page") @Nullable Long nextAfter) {
}
