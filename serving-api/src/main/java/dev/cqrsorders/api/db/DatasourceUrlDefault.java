package dev.cqrsorders.api.db;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;

import java.util.Map;

/**
 * The datasource URL when nothing else sets {@code datasources.default.url}: {@code DATASOURCE_URL}, or else
 * {@code jdbc:postgresql://127.0.0.1:${POSTGRES_PORT:5432}/readmodel}. Micronaut placeholders cannot nest a
 * placeholder inside another one's default, hence this lowest-precedence property source: configuration files,
 * system properties and test properties still override it.
 */
@ContextConfigurer
public final class DatasourceUrlDefault implements ApplicationContextConfigurer {
    static final String PROPERTY = "datasources.default.url";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("serving-api-datasource-url-default",
                Map.of(PROPERTY, url(System.getenv())), Integer.MIN_VALUE + 1));
    }

    public static String url(Map<String, String> env) {
        String url = env.get("DATASOURCE_URL");
        if (url != null && !url.isBlank()) {
            return url.trim();
        }
        String port = env.get("POSTGRES_PORT");
        return "jdbc:postgresql://127.0.0.1:" + (port == null || port.isBlank() ? "5432" : port.trim()) + "/readmodel";
    }
}
