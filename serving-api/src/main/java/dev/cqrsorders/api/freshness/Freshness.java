package dev.cqrsorders.api.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code GET /freshness}: how far behind its sources the read model is, measured every few hundred milliseconds. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Freshness")
public record Freshness(
        @Schema(name = "lag_ms", nullable = true, description = "the greatest lag of the sources whose lag is known "
                + "(what X-Read-Model-Lag-Ms carries); null when none is")
        @Nullable Long lagMs,
        @Schema(name = "last_progress_at", nullable = true, format = "date-time",
                description = "when the job last applied anything (PostgreSQL's clock)")
        @Nullable String lastProgressAt,
        @Schema(name = "measured_at", format = "date-time") String measuredAt,
        List<SourceFreshness> sources) {

    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Epoch milliseconds as the API writes times (api_timestamp in the read model); null stays null. */
    static String time(Long epochMillis) {
        return epochMillis == null ? null : API_TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
