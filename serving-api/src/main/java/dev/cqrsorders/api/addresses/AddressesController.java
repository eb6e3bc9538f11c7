package dev.cqrsorders.api.addresses;

import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.DocumentPage;
import dev.cqrsorders.api.paging.Paging;
import dev.cqrsorders.api.paging.QueryValues;
import dev.cqrsorders.api.paging.UserFilter;
import dev.cqrsorders.api.problem.Problem;
import dev.cqrsorders.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

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
    @ApiResponse(responseCode = "400", description = "address_id is not a positive integer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such address",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public String get(
            @Parameter(description = "address id", schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @PathVariable("address_id") String addressId) {
        long id = QueryValues.id("address_id", addressId);
        return repository.findById(id).map(Document::json)
                .orElseThrow(() -> Problems.notFound("address", "address_id", id));
    }

    @Get
    @Operation(operationId = "listAddresses", summary = "Addresses in address_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddressesPage.class)))
    @ApiResponse(responseCode = "400", description = "a parameter is out of range or malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public String list(
            @Parameter(description = "only this user's addresses",
                    schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @Nullable @QueryValue("user_id") String userId,
            @Parameter(description = "page size", schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
                    defaultValue = "50"))
            @Nullable @QueryValue("limit") String limit,
            @Parameter(description = "next_after of the previous page (the last address_id it held)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @Nullable @QueryValue("after") String after) {
        Optional<Long> user = UserFilter.parse(userId);
        Paging paging = Paging.parse(limit, after);
        List<Document> rows = user.isPresent()
                ? repository.listByUserAfter(user.get(), paging.after(), paging.fetchSize())
                : repository.listAfter(paging.after(), paging.fetchSize());
        return DocumentPage.object("addresses", rows, paging);
    }
}
