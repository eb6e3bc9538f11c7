package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.paging.Paging;
import dev.cqrsorders.api.paging.StatusFilter;
import dev.cqrsorders.api.paging.UserFilter;
import dev.cqrsorders.api.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

/**
 * {@code GET /order_details_mv}: the original system's shape, a bare JSON array of the same objects, with the same
 * filters and paging as {@code /order_details} (page on with {@code after} = the last order_id received).
 */
@Controller("/order_details_mv")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "order_details")
public class OrderDetailsMvController {
    private final OrderDetailsReader reader;

    public OrderDetailsMvController(OrderDetailsReader reader) {
        this.reader = reader;
    }

    @Get
    @Operation(operationId = "listOrderDetailsMv", summary = "Orders as a bare JSON array (compatibility with the original system)")
    @ApiResponse(responseCode = "200", description = "at most limit orders after the cursor, in order_id order")
    @ApiResponse(responseCode = "400", description = "a parameter is out of range or malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public List<OrderDetails> list(
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
        return reader.page(StatusFilter.parse(status), UserFilter.parse(userId), Paging.parse(limit, after)).rows();
    }
}
