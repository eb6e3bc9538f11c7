package dev.cqrsorders.launcher;

import dev.cqrsorders.servers.LocalServers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a running system can be reached, as {@code endpoints.properties} in its work directory: ./run-local.sh
 * writes it while it runs, ./sql-client.sh reads it.
 */
public record SystemEndpoints(int mysqlPort, String kafkaBootstrap, String postgresUrl, int flinkRestPort, Path jobJar) {
    public static final String FILE = "endpoints.properties";

    public static SystemEndpoints of(LocalServers stack, Path jobJar) {
        return new SystemEndpoints(stack.mariaDb().port(), stack.kafka().bootstrapServers(), stack.postgres().jdbcUrl(),
                stack.flink().restPort(), jobJar.toAbsolutePath());
    }

    public void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("mysql.port", Integer.toString(mysqlPort));
        p.setProperty("kafka.bootstrap", kafkaBootstrap);
        p.setProperty("postgres.url", postgresUrl);
        p.setProperty("flink.rest.port", Integer.toString(flinkRestPort));
        p.setProperty("job.jar", jobJar.toString());
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(dir.resolve(FILE))) {
                p.store(out, "where the running cqrs-orders system is reached");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoints in {@code dir}, or an exception saying that no system is running there. */
    public static SystemEndpoints read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no running system (" + file + " is missing); start ./run-local.sh first");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SystemEndpoints(Integer.parseInt(p.getProperty("mysql.port")), p.getProperty("kafka.bootstrap"),
                p.getProperty("postgres.url"), Integer.parseInt(p.getProperty("flink.rest.port")),
                Path.of(p.getProperty("job.jar")));
    }
}
