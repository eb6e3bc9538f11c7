package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

/** The account that may create the database and its tables (root in docker-compose, shop_admin locally). */
public final class AdminLogin {
    @Option(names = "--admin-user", paramLabel = "USER", defaultValue = "${env:MYSQL_ADMIN_USER:-shop_admin}",
            description = "MySQL user allowed to run DDL, e.g. root in docker-compose "
                    + "(env MYSQL_ADMIN_USER; default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--admin-password", paramLabel = "PASSWORD", defaultValue = "${env:MYSQL_ADMIN_PASSWORD:-shop_admin}",
            description = "Password of --admin-user (env MYSQL_ADMIN_PASSWORD; default: shop_admin).")
    String password;

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
