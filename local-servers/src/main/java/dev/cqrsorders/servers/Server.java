package dev.cqrsorders.servers;

/** The servers local-servers can start. */
public enum Server {
    MARIADB, KAFKA, POSTGRES, FLINK
}
