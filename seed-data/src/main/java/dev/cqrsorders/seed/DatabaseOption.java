package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

/** The MySQL database holding the shop's tables. */
public final class DatabaseOption {
    @Option(names = "--database", paramLabel = "NAME", defaultValue = "${env:MYSQL_DATABASE:-shop}",
            description = "MySQL database with the shop's tables (env MYSQL_DATABASE; default: ${DEFAULT-VALUE}).")
    String database;

    public String name() {
        return database;
    }
}
