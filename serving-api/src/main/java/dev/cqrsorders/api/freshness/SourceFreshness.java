package dev.cqrsorders.api.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One source: order_updates (kind kafka, per partition) or a table of the shop (kind mysql). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "SourceFreshness")
public record SourceFreshness(
        @Schema(example = "order_updates") String source,
        @Schema(allowableValues = {"kafka", "mysql"}) String kind,
        @Schema(name = "applied_position", nullable = true, description = "mysql: the binlog version of the "
                + "newest applied change (the rows' row_version); kafka: see partitions")
        @Nullable Long appliedPosition,
        @Schema(name = "applied_time", nullable = true, format = "date-time", description = "when the newest "
                + "applied record was written to its source (Kafka timestamp; binlog time, whole seconds)")
        @Nullable String appliedTime,
        @Schema(name = "lag_ms", nullable = true, description = "kafka: age of the oldest record not applied yet, "
                + "0 when none is; mysql: age of the job's watermark, the time up to which every commit of the "
                + "database is applied (its resolution: the job's --mysql-heartbeat-interval, 500 ms by default)")
        @Nullable Long lagMs,
        @Schema(name = "lag_records", nullable = true, description = "kafka: records not applied yet")
        @Nullable Long lagRecords,
        @Schema(name = "last_progress_at", nullable = true, format = "date-time") @Nullable String lastProgressAt,
        @Schema(nullable = true) @Nullable List<PartitionFreshness> partitions,
        @Schema(nullable = true, description = "why the lag is unknown") @Nullable String error) {}
