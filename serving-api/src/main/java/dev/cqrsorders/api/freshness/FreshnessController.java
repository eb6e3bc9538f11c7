package dev.cqrsorders.api.freshness;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /freshness}: the latest measurement of {@link FreshnessMonitor}. */
@Controller
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "freshness")
public class FreshnessController {
    private final FreshnessMonitor monitor;

    public FreshnessController(FreshnessMonitor monitor) {
        this.monitor = monitor;
    }

    @Get("/freshness")
    @Operation(operationId = "getFreshness", summary = "How far the read model is behind each source")
    @ApiResponse(responseCode = "200", description = "per source the newest applied position and time, the lag, "
            + "and when the job last made progress",
            headers = @Header(name = ReadModelLagHeader.NAME, description = "the greatest known lag (lag_ms), also on "
                    + "every other read", schema = @Schema(type = "integer", format = "int64")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Freshness.class)))
    public Freshness freshness() {
        return monitor.latest();
    }
}
