package dev.cqrsorders.api.addresses;

import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.DocumentPage;
import dev.cqrsorders.api.problem.ProblemResponses;
import dev.cqrsorders.api.problem.Problems;
import dev.cqrsorders.api.request.Page;
import dev.cqrsorders.api.request.ParameterRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import java.util.List;

/** {@code GET /addresses/{address_id}} and {@code GET /addresses?user_id=&limit=&after=}. */
@Controller("/addresses")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "addresses")
public class AddressesController {
    private final AddressesRepository repository;

    public AddressesController(AddressesRepository repository) {
        this.repository = repository;
    }

    @Get("/{address_id}")
    @Operation(operationId = "getAddress", summary = "One address")
    @ApiResponse(responseCode = "200", description = "the address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Address.class)))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public String get(
            @Parameter(description = "address id")
            @PathVariable("address_id") @Positive(message = ParameterRules.ADDRESS_ID) long addressId) {
        return repository.findById(addressId).orElseThrow(() -> Problems.notFound("address", "address_id", addressId));
    }

    @Get
    @Operation(operationId = "listAddresses", summary = "Addresses in address_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressesPage.class)))
    @ProblemResponses.BadRequest
    public String list(
            @Parameter(description = "only this user's addresses")
            @Nullable @QueryValue("user_id") @Positive(message = ParameterRules.USER_ID) Long userId,
            @Valid @RequestBean Page paging) {
        List<Document> rows = userId != null
                ? repository.listByUserAfter(userId, paging.after(), paging.fetchSize())
                : repository.listAfter(paging.after(), paging.fetchSize());
        return DocumentPage.object("addresses", rows, paging);
    }
}
