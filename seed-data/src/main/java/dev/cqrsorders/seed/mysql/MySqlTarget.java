package dev.cqrsorders.seed.mysql;

import dev.cqrsorders.seed.Reasons;
import dev.cqrsorders.seed.UserError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** A MySQL server and database to connect to; connection failures become one-line {@link UserError}s. */
public record MySqlTarget(String host, int port, String database, Duration connectTimeout) {

    /**
     * Connector/J settings: UTC session (every DATETIME is UTC), batched inserts rewritten into multi-row INSERTs,
     * and no TLS (local and compose networks; MySQL 8's caching_sha2_password then needs public key retrieval).
     */
    public String jdbcUrl() {
        long timeoutMillis = Math.max(1, connectTimeout.toMillis());
        return "jdbc:mysql://" + host + ":" + port + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&rewriteBatchedStatements=true&characterEncoding=UTF-8"
                + "&connectTimeout=" + timeoutMillis;
    }

    public Connection connect(String user, String password) {
        try {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        } catch (SQLException e) {
            throw new UserError("cannot connect to MySQL at " + host + ":" + port + " as " + user + ": "
                    + Reasons.of(e), e);
        }
    }
}
