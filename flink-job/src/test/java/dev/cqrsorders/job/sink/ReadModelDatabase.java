package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.it.JobFixture;
import dev.cqrsorders.servers.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A migrated read-model database of its own for the sink's tests, used as its owner (the role the job writes as). */
record ReadModelDatabase(PostgresServer pg, String url) {
    static ReadModelDatabase migrated(PostgresServer pg, String database) throws Exception {
        return new ReadModelDatabase(pg, JobFixture.migratedReadModel(pg, database));
    }

    /** Batches of up to 1,000 rows; 5 s to connect, 30 s per statement, 5 s of retries. */
    ReadModelSink.Settings settings() {
        return new ReadModelSink.Settings(url, pg.credentials().postgresOwner(), pg.credentials().postgresOwnerPassword(),
                1000, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** Every table the job writes, emptied. */
    void empty() throws Exception {
        execute("TRUNCATE order_details, users, addresses, orders, read_model_tombstones, read_model_rejects, "
                + "read_model_progress");
    }

    void execute(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row. */
    List<String> query(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, pg.credentials().postgresOwner(), pg.credentials().postgresOwnerPassword());
    }
}
