package dev.cqrsorders.readmodel;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the read model's Flyway migrations ({@code db/migration}); idempotent, safe to run at every start. */
public final class ReadModelSchema {
    private ReadModelSchema() {}

    /** Migrates the database as {@code user} (the owner role) and returns how many migrations ran. */
    public static int migrate(String jdbcUrl, String user, String password) {
        MigrateResult result = Flyway.configure(ReadModelSchema.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .connectRetries(30)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
