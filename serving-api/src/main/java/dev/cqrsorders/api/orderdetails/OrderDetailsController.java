package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.DocumentPage;
import dev.cqrsorders.api.paging.Paging;
import dev.cqrsorders.api.paging.QueryValues;
import dev.cqrsorders.api.paging.StatusFilter;
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
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /order_details/{order_id}}, {@code GET /order_details?status=&user_id=&limit=&after=} and
 * {@code GET /order_details_mv} (the original system's shape: a bare JSON array of the same objects, with the same
 * filters and paging). The bodies are the documents PostgreSQL rendered ({@link Document}).
 */
@Controller
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "order_details")
public class OrderDetailsController {
    private final OrderDetailsRepository repository;

    public OrderDetailsController(OrderDetailsRepository repository) {
        this.repository = repository;
    }

    @Get("/order_details/{order_id}")
    @Operation(operationId = "getOrderDetails", summary = "One order with its items")
    @ApiResponse(responseCode = "200", description = "the order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDetails.class)))
    @ApiResponse(responseCode = "400", description = "order_id is not a positive integer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public String get(
            @Parameter(description = "order id", schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @PathVariable("order_id") String orderId) {
        long id = QueryValues.id("order_id", orderId);
        return repository.findById(id).orElseThrow(() -> Problems.notFound("order", "order_id", id));
    }

    @Get("/order_details")
    @Operation(operationId = "listOrderDetails", summary = "Orders in order_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderDetailsPage.class)))
    @ApiResponse(responseCode = "400", description = "a parameter is out of range or malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public String list(
            @Parameter(description = "only orders in this status", schema = @Schema(type = "string",
                    allowableValues = {"created", "received", "preparing", "ready", "picked_up", "delivered",
                            "cancelled"}))
            @Nullable @QueryValue("status") String status,
            @Parameter(description = "only this user's orders",
                    schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @Nullable @QueryValue("user_id") String userId,
            @Parameter(description = "page size", schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
                    defaultValue = "50"))
            @Nullable @QueryValue("limit") String limit,
            @Parameter(description = "next_after of the previous page (the last order_id it held)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @Nullable @QueryValue("after") String after) {
        Optional<String> statusFilter = StatusFilter.parse(status);
        Optional<Long> userFilter = UserFilter.parse(userId);
        Paging paging = Paging.parse(limit, after);
        return DocumentPage.object("order_details", fetch(statusFilter, userFilter, paging), paging);
    }

    @Get("/order_details_mv")
    @Operation(operationId = "listOrderDetailsMv", summary = "Orders as a bare JSON array (compatibility with the original system)")
    @ApiResponse(responseCode = "200", description = "at most limit orders after the cursor, in order_id order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = OrderDetails.class))))
    @ApiResponse(responseCode = "400", description = "a parameter is out of range or malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public String listMv(
            @Parameter(description = "only orders in this status", schema = @Schema(type = "string",
                    allowableValues = {"created", "received", "preparing", "ready", "picked_up", "delivered",
                            "cancelled"}))
            @Nullable @QueryValue("status") String status,
            @Parameter(description = "only this user's orders",
                    schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @Nullable @QueryValue("user_id") String userId,
            @Parameter(description = "page size", schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
                    defaultValue = "50"))
            @Nullable @QueryValue("limit") String limit,
            @Parameter(description = "the last order_id already received",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @Nullable @QueryValue("after") String after) {
        Optional<String> statusFilter = StatusFilter.parse(status);
        Optional<Long> userFilter = UserFilter.parse(userId);
        Paging paging = Paging.parse(limit, after);
        return DocumentPage.array(fetch(statusFilter, userFilter, paging), paging);
    }

    private List<Document> fetch(Optional<String> status, Optional<Long> userId, Paging paging) {
        long after = paging.after();
        int size = paging.fetchSize();
        if (userId.isPresent() && status.isPresent()) {
            return repository.listByUserAndStatusAfter(userId.get(), status.get(), after, size);
        }
        if (userId.isPresent()) {
            return repository.listByUserAfter(userId.get(), after, size);
        }
        return status.isPresent() ? repository.listByStatusAfter(status.get(), after, size) : repository.listAfter(after, size);
    }
}
