package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

import java.sql.Connection;

/** The shop's database and the writer account that fills it (DML on the shop's tables, no DDL). */
public final class ShopAccount {
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
