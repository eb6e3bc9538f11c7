package dev.cqrsorders.api.db;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasourceUrlDefaultTest {

    @Test
    void urlComesFromDatasourceUrlElsePostgresPort() {
        assertThat(DatasourceUrlDefault.url(Map.of())).isEqualTo("jdbc:postgresql://127.0.0.1:5432/readmodel");
        assertThat(DatasourceUrlDefault.url(Map.of("POSTGRES_PORT", "6543")))
                .isEqualTo("jdbc:postgresql://127.0.0.1:6543/readmodel");
        assertThat(DatasourceUrlDefault.url(Map.of("POSTGRES_PORT", "6543",
                "DATASOURCE_URL", "jdbc:postgresql://postgres:5432/readmodel")))
                .isEqualTo("jdbc:postgresql://postgres:5432/readmodel");
        assertThat(DatasourceUrlDefault.url(Map.of("DATASOURCE_URL", " ", "POSTGRES_PORT", "")))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/readmodel");
    }

    @Test
    void theApplicationUsesTheDefaultUnlessAPropertySaysOtherwise() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("datasources.default.enabled", "false")).start()) {
            assertThat(context.getProperty(DatasourceUrlDefault.PROPERTY, String.class))
                    .contains(DatasourceUrlDefault.url(System.getenv()));
            assertThat(context.getProperty("datasources.default.username", String.class))
                    .contains(System.getenv().getOrDefault("DATASOURCE_USERNAME", "readmodel_api"));
            assertThat(context.getProperty("micronaut.server.host", String.class))
                    .contains(System.getenv().getOrDefault("API_HOST", "127.0.0.1"));
            assertThat(context.getProperty("micronaut.server.port", String.class))
                    .contains(System.getenv().getOrDefault("API_PORT", "8080"));
        }
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "datasources.default.enabled", "false",
                DatasourceUrlDefault.PROPERTY, "jdbc:postgresql://elsewhere:1/readmodel")).start()) {
            assertThat(context.getProperty(DatasourceUrlDefault.PROPERTY, String.class))
                    .contains("jdbc:postgresql://elsewhere:1/readmodel");
        }
    }
}
