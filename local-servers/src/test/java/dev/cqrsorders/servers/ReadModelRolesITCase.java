package dev.cqrsorders.servers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles of deploy/postgres/read-model-roles.sql on a real PostgreSQL: the writer may change rows and nothing
 * else, the API role may only read — even with read-only transactions switched off — and neither may create anything,
 * temporary tables included. A table the owner creates later (a migration) gets the same grants.
 */
@WithLocalServers(Server.POSTGRES)
class ReadModelRolesITCase {
    private static PostgresServer pg;

    @BeforeAll
    static void aTableCreatedByTheOwnerAsAMigrationWould(PostgresServer server) throws SQLException {
        pg = server;
        try (Connection owner = pg.connectAsOwner(); Statement s = owner.createStatement()) {
            s.execute("DROP TABLE IF EXISTS roles_probe");
            s.execute("CREATE TABLE roles_probe (id BIGSERIAL PRIMARY KEY, note TEXT)");
        }
    }

    @Test
    void theWriterChangesRowsAndNothingElse() throws SQLException {
        try (Connection writer = pg.connectAsWriter(); Statement s = writer.createStatement()) {
            assertThat(single(s, "SELECT current_user")).isEqualTo(pg.credentials().postgresWriter());
            s.execute("INSERT INTO roles_probe (note) VALUES ('written')"); // the sequence too
            s.execute("UPDATE roles_probe SET note = 'updated' WHERE note = 'written'");
            s.execute("DELETE FROM roles_probe WHERE note = 'updated'");
            refused(s, "TRUNCATE roles_probe", "CREATE TABLE intruder (id int)", "DROP TABLE roles_probe",
                    "ALTER TABLE roles_probe ADD COLUMN x int", "CREATE TEMP TABLE scratch (id int)",
                    "CREATE INDEX ON roles_probe (note)", "CREATE SCHEMA intruder");
        }
    }

    @Test
    void theApiRoleOnlyReadsEvenWithReadOnlyModeOff() throws SQLException {
        try (Connection api = pg.connectAsApi(); Statement s = api.createStatement()) {
            assertThat(single(s, "SHOW default_transaction_read_only")).isEqualTo("on");
            s.execute("SET default_transaction_read_only = off");
            assertThat(single(s, "SELECT count(*) FROM roles_probe")).isNotNull();
            refused(s, "INSERT INTO roles_probe (note) VALUES ('x')", "UPDATE roles_probe SET note = 'x'",
                    "DELETE FROM roles_probe", "TRUNCATE roles_probe", "CREATE TABLE intruder (id int)",
                    "CREATE TEMP TABLE scratch (id int)");
        }
    }

    @Test
    void onlyTheOwnerAndTheTwoRolesMayConnect() throws SQLException {
        try (Connection su = pg.connectAsSuperuser(pg.credentials().postgresDatabase()); Statement s = su.createStatement()) {
            assertThat(single(s, "SELECT string_agg(grantee, ',' ORDER BY grantee) FROM (SELECT (aclexplode(datacl))"
                    + ".grantee::regrole::text AS grantee, (aclexplode(datacl)).privilege_type AS p FROM pg_database"
                    + " WHERE datname = current_database()) a WHERE p = 'CONNECT'"))
                    .isEqualTo(String.join(",", List.of(pg.credentials().postgresApiUser(),
                            pg.credentials().postgresOwner(), pg.credentials().postgresWriter()).stream().sorted().toList()));
        }
    }

    private static void refused(Statement s, String... statements) {
        for (String sql : statements) {
            assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isIn("42501", "25006"));
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
