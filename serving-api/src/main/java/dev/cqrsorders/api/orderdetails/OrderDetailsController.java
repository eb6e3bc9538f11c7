package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.paging.Page;
import dev.cqrsorders.api.paging.Paging;
import dev.cqrsorders.api.paging.QueryValues;
import dev.cqrsorders.api.paging.StatusFilter;
import dev.cqrsorders.api.paging.UserFilter;
import dev.cqrsorders.api.problem.Problem;
import dev.cqrsorders.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /order_details/{order_id}} and {@code GET /order_details?status=&user_id=&limit=&after=}. */
@Controller("/order_details")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "order_details")
public class OrderDetailsController {
    private final OrderDetailsReader reader;

    public OrderDetailsController(OrderDetailsReader reader) {
        this.reader = reader;
    }

    @Get("/{order_id}")
    @Operation(operationId = "getOrderDetails", summary = "One order with its items")
    @ApiResponse(responseCode = "200", description = "the order")
    @ApiResponse(responseCode = "400", description = "order_id is not a positive integer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such order",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public OrderDetails get(
            @Parameter(description = "order id", schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @PathVariable("order_id") String orderId) {
        long id = QueryValues.id("order_id", orderId);
        return reader.byId(id).orElseThrow(() -> Problems.notFound("order", "order_id", id));
    }

    @Get
    @Operation(operationId = "listOrderDetails", summary = "Orders in order_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page")
    @ApiResponse(responseCode = "400", description = "a parameter is out of range or malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public OrderDetailsPage list(
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
        Page<OrderDetails> page = reader.page(StatusFilter.parse(status), UserFilter.parse(userId),
                Paging.parse(limit, after));
        return new OrderDetailsPage(page.rows(), page.nextAfter());
    }
}
