package dev.cqrsorders.servers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithLocalServers(Server.MARIADB)
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

    /** The 350 MB of binaries are unpacked once per machine, not into every server's directory. */
    @Test
    void theServerRunsFromSharedBinariesAndItsDirectoryHoldsNoneOfThem(MariaDbServer db) throws Exception {
        Path shared = MariaDbBinaries.shared();
        try (Connection c = db.connectAsApp("shop"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@basedir")) {
            rs.next();
            assertThat(Path.of(rs.getString(1))).isEqualTo(shared);
        }
        assertThat(shared).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        try (var files = java.nio.file.Files.walk(db.dir())) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("mariadbd"))).isEmpty();
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
        MariaDbServer server = MariaDbServer.start(Ports.free(), dir, Credentials.defaults(), false);
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

    /** As run-local starts it: MariaDB's own client (11.4, which requires TLS by default) connects with no options. */
    @Test
    void withTlsMariaDbsOwnClientConnectsWithItsDefaults(@TempDir Path dir) throws Exception {
        MariaDbServer server = MariaDbServer.start(Ports.free(), dir, Credentials.defaults(), true);
        try {
            String output = server.runClient(List.of("-h", Ports.LOOPBACK, "-P", Integer.toString(server.port()),
                    "-u", "app", "-papp", "shop"), "SHOW SESSION STATUS LIKE 'Ssl_version'");
            assertThat(output).as("the session is encrypted").containsPattern("Ssl_version\\s+TLSv1\\.[23]");
        } finally {
            server.close();
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

    /**
     * docker-compose's init script (deploy/mysql/init-shop.sh: the schema scripts, then the same shop-users.sql as
     * local-servers) run against this server with other account names and passwords a shell or SQL could mangle: the
     * accounts log in with them and hold exactly the grants local-servers's accounts hold. The mysql image's client is
     * {@code mysql}; here it is the bundled {@code mariadb}, reached through the socket as root like the image's
     * entrypoint does.
     */
    @Test
    void dockerComposesUserScriptGivesTheSameAccountsAndGrants(MariaDbServer db) throws Exception {
        java.nio.file.Path bin = java.nio.file.Files.createTempDirectory("mysql-client");
        java.nio.file.Path client = bin.resolve("mysql");
        // the script's first option is --defaults-extra-file, which must stay first
        java.nio.file.Files.writeString(client, "#!/bin/sh\nfirst=\"$1\"; shift\nexec \"" + db.client()
                + "\" \"$first\" --skip-ssl \"$@\"\n");
        client.toFile().setExecutable(true);
        String writerPassword = "it's a \"pass\\word\" $HOME `id`";
        String cdcPassword = "c'd\\c %s ;--";
        ProcessBuilder script = new ProcessBuilder("bash", java.nio.file.Path.of("..", "deploy", "mysql", "init-shop.sh")
                .toAbsolutePath().toString()).redirectErrorStream(true);
        script.environment().putAll(java.util.Map.of(
                "PATH", bin + ":" + System.getenv("PATH"),
                "SOCKET", db.socket(),
                "MYSQL_ROOT_PASSWORD", "the image's root password (root logs in through the socket here)",
                "SHOP_SCHEMA_DIR", java.nio.file.Path.of("..", "sql", "mysql").toAbsolutePath().toString(),
                "SHOP_USERS_SQL", java.nio.file.Path.of("..", "deploy", "mysql", "shop-users.sql").toAbsolutePath().toString(),
                "MYSQL_WRITER_USER", "compose_app", "MYSQL_WRITER_PASSWORD", writerPassword,
                "MYSQL_CDC_USER", "compose_cdc", "MYSQL_CDC_PASSWORD", cdcPassword));
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();

        try (Connection app = db.connect("compose_app", writerPassword, "shop");
             Connection cdc = db.connect("compose_cdc", cdcPassword, "")) {
            // they log in with the passwords as given
        }
        try (Connection admin = db.connectAsAdmin("")) {
            String cdcUser = db.credentials().mysqlCdcUser();
            assertThat(grants(admin, "compose_cdc")).isEqualTo(grants(admin, cdcUser).stream()
                    .map(g -> g.replace("`" + cdcUser + "`", "`compose_cdc`")).toList());
            assertThat(grants(admin, "compose_app")).isEqualTo(grants(admin, db.credentials().mysqlAppUser()).stream()
                    .map(g -> g.replace("`" + db.credentials().mysqlAppUser() + "`", "`compose_app`")).toList());
        }
        assertThat(output).contains("GRANT SELECT ON `shop`.* TO `compose_cdc`@`%`");
    }

    /** SHOW GRANTS without the password hash, sorted. */
    private static List<String> grants(Connection c, String user) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR '" + user + "'@'%'")) {
            while (rs.next()) {
                grants.add(rs.getString(1).replaceAll(" IDENTIFIED BY .*", ""));
            }
        }
        return grants.stream().sorted().toList();
    }
}
