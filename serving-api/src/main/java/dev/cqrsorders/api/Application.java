package dev.cqrsorders.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** serving-api: the read-only REST API over the PostgreSQL read model (see docs/serving-api.md). */
@OpenAPIDefinition(info = @Info(title = "serving-api", version = "0.1.0",
        description = "Read-only REST API over the cqrs-orders PostgreSQL read model. Errors are application/problem+json."
                + " Every read answer carries the header X-Read-Model-Lag-Ms: how far the read model is behind its"
                + " sources, in milliseconds, as GET /freshness measured it last (absent while no lag is known)."))
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
