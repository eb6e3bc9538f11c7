package dev.cqrsorders.api.stream;

import dev.cqrsorders.api.orderdetails.OrderDetails;
import dev.cqrsorders.api.problem.ProblemResponses;
import dev.cqrsorders.api.problem.Problems;
import dev.cqrsorders.api.request.ParameterRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Positive;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /order_details/{order_id}/stream}: Server-Sent Events of one order — its current state, then every write
 * of its row ({@code id} = the write's change_seq) and {@code event: deleted} when MySQL deletes it. A client that
 * reconnects with {@code Last-Event-ID} gets the current state only if it changed since (otherwise
 * {@code event: resumed}), so it misses nothing and gets nothing twice. A client that falls {@code cqrs-orders.stream.buffer} changes behind is sent
 * {@code event: overflow} and disconnected; the others are not slowed.
 */
@Controller("/order_details")
@Tag(name = "order_details")
public class OrderDetailsStreamController {
    private final OrderChangeFeed feed;
    private final OrderChangesRepository repository;
    private final int buffer;
    private final AtomicInteger open = new AtomicInteger();

    public OrderDetailsStreamController(OrderChangeFeed feed, OrderChangesRepository repository, MeterRegistry meters,
                                        @Value("${cqrs-orders.stream.buffer:1000}") int buffer) {
        this.feed = feed;
        this.repository = repository;
        this.buffer = buffer;
        meters.gauge("order_details.streams.open", open);
    }

    @Get(value = "/{order_id}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "streamOrderDetails", summary = "One order's changes as Server-Sent Events")
    @ApiResponse(responseCode = "200", description = "the current state, then one event per change; "
            + "event: deleted with data {\"order_id\": N} when the order is deleted",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = OrderDetails.class)))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public Publisher<Event<String>> stream(
            @Parameter(description = "order id")
            @PathVariable("order_id") @Positive(message = ParameterRules.ORDER_ID) long orderId,
            @Parameter(description = "the id of the last event received, to resume after it")
            @Nullable @Header("Last-Event-ID") @PositiveOrZero(message = "Last-Event-ID must be an event id")
            Long lastEventId) {
        long resumeAfter = lastEventId == null ? -1 : lastEventId;
        // attached before the current state is read: a change in between is in the buffer, not lost
        ConnectableFlux<OrderChange> live = feed.changes().filter(change -> change.orderId() == orderId)
                .onBackpressureBuffer(buffer, BufferOverflowStrategy.ERROR).publish();
        Disposable attached = live.connect();
        Optional<OrderChange> current = repository.latest(orderId);
        if (current.isEmpty() || current.get().deleted() && current.get().changeSeq() <= resumeAfter
                || current.get().deleted() && lastEventId == null) {
            attached.dispose();
            throw Problems.notFound("order", "order_id", orderId);
        }
        long seen = current.get().changeSeq();
        // nothing new for a client that resumes: it is told so (no id: its Last-Event-ID stays), which also sends the
        // response's head at once instead of with the next change
        Flux<Event<String>> first = seen > resumeAfter ? Flux.just(event(current.get()))
                : Flux.just(Event.of("{\"order_id\": " + orderId + ", \"up_to_date\": true}").name("resumed"));
        return Flux.concat(first, live.filter(change -> change.changeSeq() > seen).map(OrderDetailsStreamController::event))
                .onErrorResume(overflow -> Flux.just(Event.of("{\"reason\": \"the client fell more than " + buffer
                        + " changes behind\"}").name("overflow")))
                .doOnSubscribe(subscription -> open.incrementAndGet())
                .doFinally(signal -> {
                    open.decrementAndGet();
                    attached.dispose();
                });
    }

    private static Event<String> event(OrderChange change) {
        Event<String> event = change.deleted() ? Event.of("{\"order_id\": " + change.orderId() + "}").name("deleted")
                : Event.of(change.document());
        return event.id(Long.toString(change.changeSeq()));
    }
}
