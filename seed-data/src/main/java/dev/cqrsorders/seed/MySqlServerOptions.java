package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

/** Where the MySQL write model listens. */
public final class MySqlServerOptions {
    @Option(names = "--mysql-host", paramLabel = "HOST", defaultValue = "${env:MYSQL_HOST:-127.0.0.1}",
            description = "MySQL host (env MYSQL_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--mysql-port", paramLabel = "PORT", defaultValue = "${env:MYSQL_PORT:-3306}",
            description = "MySQL port (env MYSQL_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
