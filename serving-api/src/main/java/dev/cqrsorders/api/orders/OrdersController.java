package dev.cqrsorders.api.orders;

import dev.cqrsorders.api.DocumentPage;
import dev.cqrsorders.api.problem.ProblemResponses;
import dev.cqrsorders.api.problem.Problems;
import dev.cqrsorders.api.request.OrderFilter;
import dev.cqrsorders.api.request.Page;
import dev.cqrsorders.api.request.ParameterRules;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
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

/** {@code GET /orders/{order_id}} and {@code GET /orders?status=&user_id=&limit=&after=}: documents as PostgreSQL rendered them. */
@Controller("/orders")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "orders")
public class OrdersController {
    private final OrdersRepository repository;

    public OrdersController(OrdersRepository repository) {
        this.repository = repository;
    }

    @Get("/{order_id}")
    @Operation(operationId = "getOrder", summary = "One order of the orders projection")
    @ApiResponse(responseCode = "200", description = "the order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Order.class)))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public String get(
            @Parameter(description = "order id")
            @PathVariable("order_id") @Positive(message = ParameterRules.ORDER_ID) long orderId) {
        return repository.findById(orderId).orElseThrow(() -> Problems.notFound("order", "order_id", orderId));
    }

    @Get
    @Operation(operationId = "listOrders", summary = "Orders in order_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrdersPage.class)))
    @ProblemResponses.BadRequest
    public String list(@Valid @RequestBean OrderFilter filter, @Valid @RequestBean Page paging) {
        return DocumentPage.object("orders", repository.list(filter, paging), paging);
    }
}
