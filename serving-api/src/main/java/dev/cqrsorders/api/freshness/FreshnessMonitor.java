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
import java.util.stream.Stream;

/**
 * Measures the read model's freshness every {@code cqrs-orders.freshness.refresh}: what the job recorded it applied
 * ({@code read_model_progress}) against what the sources hold. order_updates: the broker's end offsets and the
 * timestamp of the first record not applied, so a caught-up read model shows 0 and a stopped job a lag that grows
 * with the age of what waits. The shop's tables: the newest change applied and its binlog time, and as lag the age of
 * the job's watermark — the time up to which every writer has applied every commit of the database (the binlog reader
 * compares its position with MySQL's binlog end at each heartbeat, so the lag has the heartbeat's resolution, and it
 * grows while the job stands still). Reads never wait for a measurement.
 */
@Singleton
public class FreshnessMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessMonitor.class);
    /** The shop's tables (CONTRACT.md): each is a source, also before the job applied a change of it. */
    private static final List<String> SHOP_TABLES = List.of("users", "addresses", "orders", "order_items");

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
        List<SourceProgress> watermarks;
        try {
            rows = progress.positions();
            watermarks = progress.watermarks();
        } catch (RuntimeException e) {
            LOG.debug("freshness: the read model cannot be read", e);
            return new Freshness(null, null, Freshness.time(now), List.of());
        }
        Map<String, List<SourceProgress>> bySource = rows.stream()
                .collect(Collectors.groupingBy(SourceProgress::source, TreeMap::new, Collectors.toList()));
        List<SourceFreshness> sources = new ArrayList<>();
        sources.add(kafka(bySource.remove(orderUpdates.topic()), now));
        Map<String, SourceProgress> tables = new TreeMap<>();
        bySource.forEach((source, parts) -> tables.put(source, parts.get(0)));
        Map<String, SourceProgress> watermarkOf = new TreeMap<>();
        for (SourceProgress watermark : watermarks) {
            String database = watermark.source().substring(0, watermark.source().length() - 2);
            SHOP_TABLES.forEach(table -> {
                tables.putIfAbsent(database + "." + table, null);
                watermarkOf.put(database + "." + table, watermark);
            });
        }
        tables.forEach((source, p) -> sources.add(mysql(source, p, watermarkOf.get(source), now)));
        Long lag = sources.stream().map(SourceFreshness::lagMs).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
        Long lastProgress = Stream.concat(rows.stream(), watermarks.stream())
                .map(SourceProgress::appliedAtMs).max(Comparator.naturalOrder()).orElse(null);
        return new Freshness(lag, Freshness.time(lastProgress), Freshness.time(now), sources);
    }

    /** A shop table: {@code applied} its newest applied change (null: none yet), {@code watermark} the job's. */
    private static SourceFreshness mysql(String source, SourceProgress applied, SourceProgress watermark, long now) {
        Long lag = watermark == null || watermark.sourceTimeMs() == null ? null
                : Math.max(0, now - watermark.sourceTimeMs());
        Long lastProgress = Stream.of(applied, watermark).filter(Objects::nonNull)
                .map(SourceProgress::appliedAtMs).max(Comparator.naturalOrder()).orElse(null);
        return new SourceFreshness(source, "mysql", applied == null ? null : applied.position(),
                applied == null ? null : Freshness.time(applied.sourceTimeMs()), lag, null,
                Freshness.time(lastProgress), null,
                lag == null ? "the job has recorded no watermark yet (the snapshot is still running)" : null);
    }

    private SourceFreshness kafka(List<SourceProgress> recorded, long now) {
        List<SourceProgress> parts = recorded == null ? List.of() : recorded;
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
