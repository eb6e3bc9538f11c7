package dev.cqrsorders.api.freshness;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code X-Read-Model-Lag-Ms} on every answer read from the read model: the latest measured lag
 * ({@link Freshness#lagMs()}); absent only while no source's lag is known.
 */
@ServerFilter({"/order_details", "/order_details/**", "/order_details_mv", "/orders", "/orders/**", "/users",
        "/users/**", "/addresses", "/addresses/**", "/freshness"})
public class ReadModelLagHeader {
    public static final String NAME = "X-Read-Model-Lag-Ms";

    private final FreshnessMonitor monitor;

    public ReadModelLagHeader(FreshnessMonitor monitor) {
        this.monitor = monitor;
    }

    @ResponseFilter
    public void addLag(MutableHttpResponse<?> response) {
        Long lag = monitor.latest().lagMs();
        if (lag != null) {
            response.header(NAME, Long.toString(lag));
        }
    }
}
