package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.OutgoingRecord.MalformedKind;
import dev.cqrsorders.seed.events.OutgoingRecord.RecordKind;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Counts what was sent, per {@link RecordKind} and {@link MalformedKind}, and prints it as key=value lines. */
public final class SentSummary {
    private final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
    private final Map<MalformedKind, Long> malformedKinds = new EnumMap<>(MalformedKind.class);
    private long total;

    public SentSummary() {
        Stream.of(RecordKind.values()).forEach(kind -> kinds.put(kind, 0L));
        Stream.of(MalformedKind.values()).forEach(kind -> malformedKinds.put(kind, 0L));
    }

    public void add(OutgoingRecord record) {
        total++;
        kinds.merge(record.kind(), 1L, Long::sum);
        if (record.malformedKind() != null) {
            malformedKinds.merge(record.malformedKind(), 1L, Long::sum);
        }
    }

    public long total() {
        return total;
    }

    public long count(RecordKind kind) {
        return kinds.get(kind);
    }

    public long count(MalformedKind kind) {
        return malformedKinds.get(kind);
    }

    public List<String> lines(String topic, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return List.of(
                String.format(Locale.ROOT, "events: sent %d records to %s in %.1f s (%.0f records/s)", total, topic,
                        seconds, total / seconds),
                "events: " + kinds.entrySet().stream().map(e -> e.getKey().label() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")),
                "events: malformed " + malformedKinds.entrySet().stream()
                        .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }
}
