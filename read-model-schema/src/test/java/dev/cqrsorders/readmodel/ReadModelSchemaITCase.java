package dev.cqrsorders.readmodel;

import dev.cqrsorders.servers.WithLocalServers;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.Server;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithLocalServers(Server.POSTGRES)
class ReadModelSchemaITCase {

    @Test
    void migratesOnceAndTheApiRoleCanOnlyRead(PostgresServer pg) throws SQLException {
        var c = pg.credentials();
        int first = ReadModelSchema.migrate(pg.jdbcUrl(), c.postgresOwner(), c.postgresOwnerPassword());
        int second = ReadModelSchema.migrate(pg.jdbcUrl(), c.postgresOwner(), c.postgresOwnerPassword());
        assertThat(first).isPositive();
        assertThat(second).isZero();

        try (Connection api = pg.connectAsApi(); Statement s = api.createStatement()) {
            for (String table : new String[] {"order_details", "orders", "users", "addresses"}) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM order_details")).isInstanceOf(SQLException.class);
        }
    }
}
