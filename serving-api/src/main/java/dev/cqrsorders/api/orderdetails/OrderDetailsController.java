package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.Document;
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
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

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
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public String get(
            @Parameter(description = "order id")
            @PathVariable("order_id") @Positive(message = ParameterRules.ORDER_ID) long orderId) {
        return repository.findById(orderId).orElseThrow(() -> Problems.notFound("order", "order_id", orderId));
    }

    @Get("/order_details")
    @Operation(operationId = "listOrderDetails", summary = "Orders in order_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderDetailsPage.class)))
    @ProblemResponses.BadRequest
    public String list(@Valid @RequestBean OrderFilter filter, @Valid @RequestBean Page paging) {
        return DocumentPage.object("order_details", repository.list(filter, paging), paging);
    }

    @Get("/order_details_mv")
    @Operation(operationId = "listOrderDetailsMv", summary = "Orders as a bare JSON array (compatibility with the original system)")
    @ApiResponse(responseCode = "200", description = "at most limit orders after the cursor, in order_id order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    array = @ArraySchema(schema = @Schema(implementation = OrderDetails.class))))
    @ProblemResponses.BadRequest
    public String listMv(@Valid @RequestBean OrderFilter filter, @Valid @RequestBean Page paging) {
        return DocumentPage.array(repository.list(filter, paging), paging);
    }
}
