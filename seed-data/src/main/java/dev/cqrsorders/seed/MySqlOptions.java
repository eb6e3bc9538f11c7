package dev.cqrsorders.seed;

import dev.cqrsorders.seed.CliErrors.UserError;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** Where the MySQL write model listens, and how long to wait for it (and for Kafka) before giving up. */
public final class MySqlOptions {
    @Option(names = "--mysql-host", paramLabel = "HOST", defaultValue = "${env:MYSQL_HOST:-127.0.0.1}",
            description = "MySQL host (env MYSQL_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--mysql-port", paramLabel = "PORT", defaultValue = "${env:MYSQL_PORT:-3306}",
            description = "MySQL port (env MYSQL_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = TimeConverters.PositiveDuration.class,
            description = "Give up on an unreachable MySQL or Kafka after this long, e.g. 0.5s, 10s, 1m "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A connection to {@code database}; a failure is a one-line {@link UserError}. */
    public Connection connect(String database, String user, String password) {
        return open(jdbcUrl(database), user, password);
    }

    /** A connection for whole SQL scripts: several statements per call (Connector/J's multi-queries), no database. */
    public Connection connectForScripts(String user, String password) {
        return open(jdbcUrl("") + "&allowMultiQueries=true", user, password);
    }

    private Connection open(String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new UserError("cannot connect to MySQL at " + host + ":" + port + " as " + user + ": "
                    + UserError.reason(e), e);
        }
    }

    /**
     * Connector/J settings: UTC session (every DATETIME is UTC), batched inserts rewritten into multi-row INSERTs,
     * and no TLS (local and compose networks; MySQL 8's caching_sha2_password then needs public key retrieval).
     */
    private String jdbcUrl(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true&characterEncoding=UTF-8"
                + "&connectTimeout=" + Math.max(1, connectTimeout.toMillis());
    }

    /** The shop's database and the writer account that fills it (DML on the shop's tables, no DDL). */
    public static final class ShopAccount {
        @Option(names = "--database", paramLabel = "NAME", defaultValue = "${env:MYSQL_DATABASE:-shop}",
                description = "MySQL database with the shop's tables (env MYSQL_DATABASE; default: ${DEFAULT-VALUE}).")
        String database;

        @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:MYSQL_USER:-app}",
                description = "MySQL writer user (env MYSQL_USER; default: ${DEFAULT-VALUE}).")
        String user;

        // the password's default is written out rather than ${DEFAULT-VALUE}: help must not echo a password from the env
        @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:MYSQL_PASSWORD:-app}",
                description = "MySQL writer password (env MYSQL_PASSWORD; default: app).")
        String password;

        public String database() {
            return database;
        }

        public Connection connect(MySqlOptions mysql) {
            return mysql.connect(database, user, password);
        }
    }
}
