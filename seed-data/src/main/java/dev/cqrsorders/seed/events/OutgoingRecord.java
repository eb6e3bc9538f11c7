package dev.cqrsorders.seed.events;

import java.nio.charset.StandardCharsets;

/** A record to send: key, value bytes, and what it is ({@code malformedKind} only for {@link RecordKind#MALFORMED}). */
public record OutgoingRecord(String key, byte[] value, RecordKind kind, MalformedKind malformedKind) {
    static OutgoingRecord of(OrderEvent event, RecordKind kind) {
        return new OutgoingRecord(event.key(), EventJson.toJson(event).getBytes(StandardCharsets.UTF_8), kind, null);
    }

    static OutgoingRecord malformed(String key, String value, MalformedKind kind) {
        return new OutgoingRecord(key, value.getBytes(StandardCharsets.UTF_8), RecordKind.MALFORMED, kind);
    }

    OutgoingRecord asDuplicate() {
        return new OutgoingRecord(key, value, RecordKind.DUPLICATE, null);
    }

    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
