package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

/** The writer account: DML on the shop's tables, no DDL. */
public final class WriterLogin {
    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:MYSQL_USER:-app}",
            description = "MySQL writer user (env MYSQL_USER; default: ${DEFAULT-VALUE}).")
    String user;

    // the password's default is written out rather than ${DEFAULT-VALUE}: help must not echo a password from the env
    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:MYSQL_PASSWORD:-app}",
            description = "MySQL writer password (env MYSQL_PASSWORD; default: app).")
    String password;

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
