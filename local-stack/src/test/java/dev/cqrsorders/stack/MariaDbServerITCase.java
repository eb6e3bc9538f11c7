package dev.cqrsorders.stack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LocalStackTest(Server.MARIADB)
class MariaDbServerITCase {

    @BeforeAll
    static void createTable(MariaDbServer db) throws SQLException {
        try (Connection c = db.connectAsAdmin("shop"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS binlog_probe (id BIGINT PRIMARY KEY, note VARCHAR(64), "
                    + "at DATETIME(3))");
        }
    }

    @Test
    void serverIsConfiguredForRowBasedCdcInUtc(MariaDbServer db) throws SQLException {
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@time_zone, "
                     + "@@server_id, @@bind_address, @@skip_name_resolve")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("ROW");
            assertThat(rs.getString(3)).isEqualTo("FULL");
            assertThat(rs.getString(4)).isEqualTo("+00:00");
            assertThat(rs.getInt(5)).isEqualTo(1);
            assertThat(rs.getString(6)).isEqualTo("127.0.0.1");
            assertThat(rs.getInt(7)).isEqualTo(1);
        }
    }

    @Test
    void aClientAskingForUtf8mb3StillWritesFourByteCharacters(MariaDbServer db) throws SQLException {
        // Debian's mariadb client asks for utf8mb3 in its handshake; the server makes every connection utf8mb4
        String output = db.runClient(List.of("--host=127.0.0.1", "--port=" + db.port(), "--protocol=TCP",
                "--user=" + db.credentials().mysqlAppUser(), "--password=" + db.credentials().mysqlAppPassword(),
                "--default-character-set=utf8mb3", "shop"),
                "SELECT @@character_set_client;\nREPLACE INTO binlog_probe (id, note) VALUES (4242, 'café 🍕');\n");
        assertThat(output).contains("utf8mb4");
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM binlog_probe WHERE id = 4242")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("café 🍕");
        }
    }

    @Test
    void rowsWrittenByTheAppUserAppearAsRowEventsInTheBinlog(MariaDbServer db) throws SQLException {
        long id = System.nanoTime();
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO binlog_probe VALUES (" + id + ", 'inserted', NOW(3))");
            s.executeUpdate("UPDATE binlog_probe SET note = 'updated' WHERE id = " + id);
            s.executeUpdate("DELETE FROM binlog_probe WHERE id = " + id);
        }
        List<String> eventTypes = new ArrayList<>();
        try (Connection c = db.connectAsCdcUser(); Statement s = c.createStatement()) {
            List<String> logs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                while (rs.next()) {
                    logs.add(rs.getString(1));
                }
            }
            for (String log : logs) {
                try (ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + log + "'")) {
                    while (rs.next()) {
                        eventTypes.add(rs.getString("Event_type"));
                    }
                }
            }
        }
        assertThat(eventTypes).contains("Write_rows_v1", "Update_rows_v1", "Delete_rows_v1");
    }

    @Test
    void aKilledServerUnderTheTempDirStartsAgainWithItsDataAndUsers() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cqrs-orders-mariadb-restart");
        assertThat(dir.toString()).startsWith(System.getProperty("java.io.tmpdir"));
        MariaDbServer server = MariaDbServer.start(Ports.free(), dir, Credentials.defaults());
        try {
            try (Connection c = server.connectAsAdmin("shop"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survives (id INT PRIMARY KEY)");
                s.execute("INSERT INTO survives VALUES (42)");
            }
            server.kill();
            server = server.startAgain();
            try (Connection c = server.connectAsApp("shop"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM survives")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            try (Connection ignored = server.connectAsCdcUser()) {
                // the CDC account is still there too
            }
        } finally {
            server.close();
            WorkDir.wipe(dir);
        }
    }

    @Test
    void grantsAreEnforced(MariaDbServer db) throws SQLException {
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE TABLE app_may_not (id INT)"))
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> s.execute("CREATE TABLE test.app_may_not (id INT)"))
                    .as("install-db's test database is not open to every account").hasMessageContaining("denied");
        }
        try (Connection c = db.connectAsCdcUser(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO shop.binlog_probe VALUES (1, 'x', NOW())"))
                    .hasMessageContaining("denied");
            // incremental snapshots take no global read lock: SELECT on the shop, the binlog, nothing more
            java.util.List<String> grants = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                while (rs.next()) {
                    grants.add(rs.getString(1).replaceAll(" IDENTIFIED BY .*", ""));
                }
            }
            assertThat(grants).containsExactlyInAnyOrder(
                    "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `flink_cdc`@`%`",
                    "GRANT SELECT ON `shop`.* TO `flink_cdc`@`%`");
            assertThatThrownBy(() -> s.executeQuery("SELECT User FROM mysql.user")).hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> db.connect("app", "wrong-password", "shop")).hasMessageContaining("denied");
        assertThatThrownBy(() -> db.connect("root", "", "")).isInstanceOf(SQLException.class);
        try (Connection c = db.connectAsAdmin("mysql"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mysql.global_priv WHERE User = ''")) {
            rs.next();
            assertThat(rs.getInt(1)).as("anonymous users").isZero();
        }
    }
}
