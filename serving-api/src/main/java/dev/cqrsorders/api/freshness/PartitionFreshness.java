package dev.cqrsorders.api.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

/** One partition of order_updates in {@link SourceFreshness}. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PartitionFreshness")
public record PartitionFreshness(
        int partition,
        @Schema(name = "applied_offset", description = "the newest applied offset, -1 for none") long appliedOffset,
        @Schema(name = "end_offset") long endOffset,
        @Schema(name = "lag_records") long lagRecords,
        @Schema(name = "lag_ms", nullable = true) @Nullable Long lagMs,
        @Schema(name = "applied_time", nullable = true, format = "date-time") @Nullable String appliedTime) {}
