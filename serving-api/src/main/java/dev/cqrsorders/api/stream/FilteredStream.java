package dev.cqrsorders.api.stream;

import dev.cqrsorders.api.request.OrderFilter;
import io.micronaut.http.sse.Event;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one {@code GET /order_details/stream?status=&user_id=} sends for each change. It remembers the orders it has
 * sent as matching, so that an order that stops matching (a {@code status=preparing} stream, the order moves on to
 * {@code ready}) is sent once more as {@code event: removed}: a client showing the matching orders drops it. A stream
 * resumed with Last-Event-ID does not know what the client holds: every order of the filter's user (any order
 * without one) written while the client was away that does not match now is sent as removed — a status moves either
 * way in time order, so any of them may have matched; removing one the client never had changes nothing. Not sent:
 * an order that was moved to another user meanwhile (the feed keeps no earlier state to tell).
 */
final class FilteredStream {
    private final OrderFilter filter;
    private final Set<Long> sent = ConcurrentHashMap.newKeySet();

    FilteredStream(OrderFilter filter) {
        this.filter = filter;
    }

    /** Whether a live change may concern this stream (a cheap test before it is buffered). */
    boolean concerns(OrderChange change) {
        return change.matches(filter) || sent.contains(change.orderId());
    }

    /** A matching order as it is now: a state without an id, not a position in the feed. */
    Event<String> current(OrderChange change) {
        sent.add(change.orderId());
        return Event.of(change.document());
    }

    /** The event for a change written while a resuming client was away: removed unless it matches. */
    Event<String> missed(OrderChange change) {
        // matches(): a deletion matches every filter
        if (!change.matches(filter) && (filter.userId() == null || filter.userId().equals(change.userId()))) {
            sent.remove(change.orderId());
            return StreamEvents.removed(change);
        }
        return changed(change);
    }

    /** The event for a change, or null when this stream sends nothing for it. */
    Event<String> changed(OrderChange change) {
        if (change.deleted()) {
            sent.remove(change.orderId());
            return StreamEvents.of(change);
        }
        if (change.matches(filter)) {
            sent.add(change.orderId());
            return StreamEvents.of(change);
        }
        return sent.remove(change.orderId()) ? StreamEvents.removed(change) : null;
    }
}
