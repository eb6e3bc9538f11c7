package dev.cqrsorders.api.stream;

import dev.cqrsorders.api.JsonText;
import io.micronaut.http.sse.Event;

/**
 * The events of the order streams: an order's document as PostgreSQL rendered it, or one of the stream's notices
 * ({@code deleted}, {@code removed}, {@code subscribed}, {@code resumed}, {@code overflow}) with a small JSON body.
 */
final class StreamEvents {
    private StreamEvents() {}

    /** A change of an order: its document, or {@code deleted} with its id; the event's id is the change's number. */
    static Event<String> of(OrderChange change) {
        Event<String> event = change.deleted() ? Event.of(orderId(change.orderId())).name("deleted")
                : Event.of(change.document());
        return event.id(Long.toString(change.changeSeq()));
    }

    /** An order this stream sent stops matching its filter. */
    static Event<String> removed(OrderChange change) {
        return Event.of(orderId(change.orderId())).name("removed").id(Long.toString(change.changeSeq()));
    }

    /** {@code subscribed} or {@code resumed}: what came before is the current state; live changes follow. */
    static Event<String> upToDate(String name) {
        return Event.of(JsonText.write(32, json -> {
            json.writeStartObject();
            json.writeBooleanField("up_to_date", true);
            json.writeEndObject();
        })).name(name);
    }

    /** {@code resumed} on one order's stream: nothing was written since the client's last event. */
    static Event<String> orderUpToDate(long orderId) {
        return Event.of(JsonText.write(48, json -> {
            json.writeStartObject();
            json.writeNumberField("order_id", orderId);
            json.writeBooleanField("up_to_date", true);
            json.writeEndObject();
        })).name("resumed");
    }

    /** The client fell more than {@code buffer} changes behind: the stream ends here. */
    static Event<String> overflow(int buffer) {
        return Event.of(JsonText.write(64, json -> {
            json.writeStartObject();
            json.writeStringField("reason", "the client fell more than " + buffer + " changes behind");
            json.writeEndObject();
        })).name("overflow");
    }

    private static String orderId(long orderId) {
        return JsonText.write(32, json -> {
            json.writeStartObject();
            json.writeNumberField("order_id", orderId);
            json.writeEndObject();
        });
    }
}
