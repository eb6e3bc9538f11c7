package dev.cqrsorders.api.freshness;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Measures the read model's freshness every {@code cqrs-orders.freshness.refresh}: what the job recorded it applied
 * ({@code read_model_progress}) against what the sources hold. order_updates: the broker's end offsets and the
 * timestamp of the first record not applied, so a caught-up read model shows 0 and a stopped job a lag that grows
 * with the age of what waits. The shop's tables: the newest change applied and its binlog time (MySQL's binlog gives
 * no end position per table to compare with, so their lag is not claimed). Reads never wait for a measurement.
 */
@Singleton
public class FreshnessMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessMonitor.class);

    private final ProgressRepository progress;
    private final OrderUpdatesEnds orderUpdates;
    private volatile Freshness latest;

    public FreshnessMonitor(ProgressRepository progress, OrderUpdatesEnds orderUpdates) {
        this.progress = progress;
        this.orderUpdates = orderUpdates;
        this.latest = new Freshness(null, null, Freshness.time(System.currentTimeMillis()), List.of());
    }

    /** The newest measurement. */
    public Freshness latest() {
        return latest;
    }

    @Scheduled(fixedDelay = "${cqrs-orders.freshness.refresh}")
    void refresh() {
        latest = measure();
    }

    Freshness measure() {
        long now = System.currentTimeMillis();
        List<SourceProgress> rows;
        try {
            rows = progress.all();
        } catch (RuntimeException e) {
            LOG.debug("freshness: the read model cannot be read", e);
            return new Freshness(null, null, Freshness.time(now), List.of());
        }
        Map<String, List<SourceProgress>> bySource = rows.stream()
                .collect(Collectors.groupingBy(SourceProgress::source, TreeMap::new, Collectors.toList()));
        List<SourceFreshness> sources = new ArrayList<>();
        sources.add(kafka(bySource.getOrDefault(orderUpdates.topic(), List.of()), now));
        bySource.forEach((source, parts) -> {
            if (!source.equals(orderUpdates.topic())) {
                SourceProgress p = parts.get(0);
                sources.add(new SourceFreshness(source, "mysql", p.position(), Freshness.time(p.sourceTimeMs()), null,
                        null, Freshness.time(p.appliedAtMs()), null, null));
            }
        });
        Long lag = sources.stream().map(SourceFreshness::lagMs).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
        Long lastProgress = rows.stream().map(SourceProgress::appliedAtMs).max(Comparator.naturalOrder()).orElse(null);
        return new Freshness(lag, Freshness.time(lastProgress), Freshness.time(now), sources);
    }

    private SourceFreshness kafka(List<SourceProgress> parts, long now) {
        Map<Integer, SourceProgress> applied = parts.stream()
                .collect(Collectors.toMap(SourceProgress::part, p -> p));
        Long newestTime = parts.stream().map(SourceProgress::sourceTimeMs).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        Long lastProgress = parts.stream().map(SourceProgress::appliedAtMs).max(Comparator.naturalOrder()).orElse(null);
        if (!orderUpdates.configured()) {
            return new SourceFreshness(orderUpdates.topic(), "kafka", null, Freshness.time(newestTime), null, null,
                    Freshness.time(lastProgress), null, "no Kafka bootstrap servers configured (KAFKA_BOOTSTRAP_SERVERS)");
        }
        List<OrderUpdatesEnds.PartitionEnd> ends;
        try {
            ends = orderUpdates.ends(applied.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().position() + 1)));
        } catch (RuntimeException e) {
            LOG.debug("freshness: order_updates' end offsets", e);
            return new SourceFreshness(orderUpdates.topic(), "kafka", null, Freshness.time(newestTime), null, null,
                    Freshness.time(lastProgress), null, "Kafka did not answer: " + e.getMessage());
        }
        List<PartitionFreshness> partitions = new ArrayList<>();
        long lagRecords = 0;
        long lagMs = 0;
        boolean known = true;
        for (OrderUpdatesEnds.PartitionEnd end : ends) {
            long behind = Math.max(0, end.end() - end.next());
            Long partitionLag = behind == 0 ? Long.valueOf(0)
                    : end.nextTimestamp() == null ? null : Math.max(0, now - end.nextTimestamp());
            SourceProgress p = applied.get(end.partition());
            partitions.add(new PartitionFreshness(end.partition(), end.next() - 1, end.end(), behind, partitionLag,
                    p == null ? null : Freshness.time(p.sourceTimeMs())));
            lagRecords += behind;
            if (partitionLag == null) {
                known = false;
            } else {
                lagMs = Math.max(lagMs, partitionLag);
            }
        }
        return new SourceFreshness(orderUpdates.topic(), "kafka", null, Freshness.time(newestTime),
                known ? lagMs : null, lagRecords, Freshness.time(lastProgress), partitions,
                known ? null : "the first record not applied could not be read in time");
    }
}
