package dev.cqrsorders.api.freshness;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * How far the job has applied one source (or one of its Kafka partitions), from {@code read_model_progress}
 * (migration V6): the newest position any of its writers applied, that record's source time, and when a writer last
 * moved forward; times in epoch milliseconds.
 */
@MappedEntity
public record SourceProgress(@Id String source, int part, long position, @Nullable Long sourceTimeMs,
                             long appliedAtMs) {}
