package dev.cqrsorders.stack;

/** The servers local-stack can start. */
public enum Server {
    MARIADB, KAFKA, POSTGRES, FLINK
}
