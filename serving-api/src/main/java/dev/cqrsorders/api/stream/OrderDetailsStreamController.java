package dev.cqrsorders.api.stream;

import dev.cqrsorders.api.orderdetails.OrderDetails;
import dev.cqrsorders.api.problem.ProblemResponses;
import dev.cqrsorders.api.problem.Problems;
import dev.cqrsorders.api.request.OrderFilter;
import dev.cqrsorders.api.request.ParameterRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Positive;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-Sent Events of the order_details change feed, each event's {@code id} the write's change_seq.
 * {@code GET /order_details/{order_id}/stream}: one order — its current state, then every write of its row and
 * {@code event: deleted} when MySQL deletes it; a client that reconnects with {@code Last-Event-ID} gets the current
 * state only if it changed since (otherwise {@code event: resumed}), so it misses nothing and gets nothing twice.
 * {@code GET /order_details/stream?status=&user_id=}: the same for every order whose new state matches the filters
 * ({@link FilteredStream}).
 * A client that falls {@code cqrs-orders.stream.buffer} changes behind is sent {@code event: overflow} and
 * disconnected; the others are not slowed.
 */
@Controller("/order_details")
@Tag(name = "order_details")
public class OrderDetailsStreamController {
    private static final int PAGE = 1000;
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
        ConnectableFlux<OrderChange> live = attach(change -> change.orderId() == orderId);
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
        Flux<Event<String>> first = seen > resumeAfter ? Flux.just(StreamEvents.of(current.get()))
                : Flux.just(StreamEvents.orderUpToDate(orderId));
        // one row's writes are numbered in the order they commit (each waits for the row's lock)
        return follow(first, live, change -> change.changeSeq() > seen, StreamEvents::of, attached);
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "streamAllOrderDetails",
            summary = "Every change of the orders the filters select, as Server-Sent Events")
    @ApiResponse(responseCode = "200", description = "the current state of every matching order (in order_id order, "
            + "without ids), then event: subscribed (its id: the feed's position); after Last-Event-ID instead the "
            + "current state of each matching order written since, then event: resumed; then one event per change of "
            + "a matching order; event: removed with data {\"order_id\": N} when an order sent stops matching (after "
            + "Last-Event-ID: for every order written meanwhile that does not match now); "
            + "event: deleted with data {\"order_id\": N} for any deleted order",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(implementation = OrderDetails.class)))
    @ProblemResponses.BadRequest
    public Publisher<Event<String>> streamAll(
            @Valid @RequestBean OrderFilter filter,
            @Parameter(description = "the id of the last event received, to resume after it")
            @Nullable @Header("Last-Event-ID") @PositiveOrZero(message = "Last-Event-ID must be an event id")
            Long lastEventId) {
        FilteredStream stream = new FilteredStream(filter);
        ConnectableFlux<OrderChange> live = attach(stream::concerns);
        Disposable attached = live.connect();
        if (lastEventId == null) {
            // every change above it is still to come from the feed (see OrderChangeFeed#safe)
            long from = feed.safe();
            // the orders as they are, read page by page as the client takes them; no ids, so that a client cut off
            // in the middle starts afresh. What is written meanwhile also comes live, with its id.
            Flux<Event<String>> current = Flux.<List<OrderChange>, Long>generate(() -> 0L, (after, sink) -> {
                List<OrderChange> page = repository.current(filter.status() == null ? null : filter.status().name(),
                        filter.userId(), after, PAGE);
                if (page.isEmpty()) {
                    sink.complete();
                    return after;
                }
                sink.next(page);
                return page.get(page.size() - 1).orderId();
            }).concatMapIterable(page -> page).map(stream::current).subscribeOn(Schedulers.boundedElastic());
            return follow(Flux.concat(current, Flux.just(StreamEvents.upToDate("subscribed").id(Long.toString(from)))), live, change -> change.changeSeq() > from, stream::changed, attached);
        }
        // the feed keeps each order's latest write: a client that was away gets the state of every order written
        // since, once, not the versions in between. From the feed's safe point if that is lower: a change numbered
        // below the client's last id may have committed after it (several writers); such a change is sent again
        // rather than missed.
        long start = Math.min(lastEventId, feed.safe());
        List<Event<String>> missed = new ArrayList<>();
        Set<Long> caughtUp = new HashSet<>();
        long after = start;
        List<OrderChange> page;
        do {
            page = repository.after(after, PAGE);
            for (OrderChange change : page) {
                after = change.changeSeq();
                caughtUp.add(after);
                Event<String> event = stream.missed(change);
                if (event != null && missed.size() <= buffer) {
                    missed.add(event);
                }
            }
        } while (page.size() == PAGE);
        if (missed.size() > buffer) {
            attached.dispose();
            return Flux.just(StreamEvents.overflow(buffer));
        }
        missed.add(StreamEvents.upToDate("resumed"));
        return follow(Flux.fromIterable(missed), live,
                change -> change.changeSeq() > start && !caughtUp.contains(change.changeSeq()), stream::changed, attached);
    }

    /** The feed's changes the filter selects, buffered up to {@code buffer} for this client; connected by the caller. */
    private ConnectableFlux<OrderChange> attach(Predicate<OrderChange> filter) {
        return feed.changes().filter(filter).onBackpressureBuffer(buffer, BufferOverflowStrategy.ERROR).publish();
    }

    /**
     * {@code first}, then the events {@code toEvent} makes (null: none) of the live changes {@code first} does not
     * already hold; an overflow ends the stream with its event.
     */
    private Flux<Event<String>> follow(Flux<Event<String>> first, ConnectableFlux<OrderChange> live,
                                       Predicate<OrderChange> notInFirst, Function<OrderChange, Event<String>> toEvent,
                                       Disposable attached) {
        return Flux.concat(first, live.filter(notInFirst).mapNotNull(toEvent))
                .onErrorResume(overflow -> Flux.just(StreamEvents.overflow(buffer)))
                .doOnSubscribe(subscription -> open.incrementAndGet())
                .doFinally(signal -> {
                    open.decrementAndGet();
                    attached.dispose();
                });
    }
}
