package dev.cqrsorders.api.support;

import dev.cqrsorders.readmodel.ReadModelSchema;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.LocalServersExtension;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The real PostgreSQL of this test JVM (local-servers), migrated once with the read model's own Flyway migrations and
 * loaded once with {@link Fixtures}, as the owner role. The API under test connects as the SELECT-only role.
 */
public final class ReadModelDatabase {
    private static ReadModelDatabase shared;

    private final PostgresServer postgres;

    private ReadModelDatabase(PostgresServer postgres) {
        this.postgres = postgres;
    }

    public static synchronized ReadModelDatabase shared() {
        if (shared == null) {
            PostgresServer postgres = LocalServersExtension.shared().ensure(Server.POSTGRES).postgres();
            Credentials c = postgres.credentials();
            ReadModelSchema.migrate(postgres.jdbcUrl(), c.postgresOwner(), c.postgresOwnerPassword());
            ReadModelDatabase database = new ReadModelDatabase(postgres);
            try (Connection owner = postgres.connectAsOwner()) {
                Fixtures.load(owner);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load the fixtures: " + e.getMessage(), e);
            }
            shared = database;
        }
        return shared;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Connection connectAsOwner() throws SQLException {
        return postgres.connectAsOwner();
    }

    /** Micronaut properties pointing the API at this database as the API role, on a random HTTP port. */
    public Map<String, String> apiProperties() {
        Credentials c = postgres.credentials();
        return Map.of(
                "micronaut.server.port", "-1",
                "datasources.default.url", postgres.jdbcUrl(),
                "datasources.default.username", c.postgresApiUser(),
                "datasources.default.password", c.postgresApiPassword());
    }
}
