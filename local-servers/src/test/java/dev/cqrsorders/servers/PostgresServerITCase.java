package dev.cqrsorders.servers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithLocalServers(Server.POSTGRES)
class PostgresServerITCase {

    @BeforeAll
    static void ownerCreatesATable(PostgresServer pg) throws SQLException {
        try (Connection c = pg.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS grant_probe (id BIGINT PRIMARY KEY, note TEXT)");
            s.execute("INSERT INTO grant_probe VALUES (1, 'written by the owner') ON CONFLICT DO NOTHING");
        }
    }

    @Test
    void apiRoleReadsButCannotWrite(PostgresServer pg) throws SQLException {
        try (Connection c = pg.connectAsApi(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_user, note FROM grant_probe WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(pg.credentials().postgresApiUser());
                assertThat(rs.getString(2)).isEqualTo("written by the owner");
            }
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO grant_probe VALUES (2, 'api')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE grant_probe SET note = 'api'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE TABLE api_may_not (id INT)"))
                    .isInstanceOf(SQLException.class);
        }
        // read-only transactions are a second line of defence: the grants alone must refuse writes
        try (Connection c = pg.connectAsApi(); Statement s = c.createStatement()) {
            s.execute("SET default_transaction_read_only = off");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM grant_probe"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void passwordsAreChecked(PostgresServer pg) {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.credentials().postgresApiUser(), "wrong"))
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void runsPostgres18OnLoopback(PostgresServer pg) throws SQLException {
        try (Connection c = pg.connectAsOwner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, "
                     + "current_setting('listen_addresses')")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(180000);
            assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
        }
    }
}
