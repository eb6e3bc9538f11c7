package dev.cqrsorders.servers;

import java.util.Map;

/**
 * Local-development credentials, each overridable by the environment variable named beside it. These are the
 * defaults the README documents; never production defaults.
 */
public record Credentials(
        String mysqlDatabase,
        String mysqlAppUser, String mysqlAppPassword,
        String mysqlCdcUser, String mysqlCdcPassword,
        String mysqlAdminUser, String mysqlAdminPassword,
        String postgresDatabase,
        String postgresOwner, String postgresOwnerPassword,
        String postgresWriter, String postgresWriterPassword,
        String postgresApiUser, String postgresApiPassword) {

    public static Credentials defaults() {
        return fromEnvironment(Map.of());
    }

    public static Credentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static Credentials fromEnvironment(Map<String, String> env) {
        return new Credentials(
                env.getOrDefault("MYSQL_DATABASE", "shop"),
                env.getOrDefault("MYSQL_USER", "app"), env.getOrDefault("MYSQL_PASSWORD", "app"),
                env.getOrDefault("MYSQL_CDC_USER", "flink_cdc"), env.getOrDefault("MYSQL_CDC_PASSWORD", "flink_cdc"),
                env.getOrDefault("MYSQL_ADMIN_USER", "shop_admin"), env.getOrDefault("MYSQL_ADMIN_PASSWORD", "shop_admin"),
                env.getOrDefault("POSTGRES_DB", "readmodel"),
                env.getOrDefault("POSTGRES_USER", "readmodel"), env.getOrDefault("POSTGRES_PASSWORD", "readmodel"),
                env.getOrDefault("POSTGRES_WRITER_USER", "readmodel_writer"),
                env.getOrDefault("POSTGRES_WRITER_PASSWORD", "readmodel_writer"),
                env.getOrDefault("POSTGRES_API_USER", "readmodel_api"),
                env.getOrDefault("POSTGRES_API_PASSWORD", "readmodel_api"));
    }
}
