package dev.cqrsorders.servers;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class running servers: {@code @WithLocalServers({Server.MARIADB, Server.KAFKA})}, then take
 * {@link LocalServers}, {@link MariaDbServer}, {@link KafkaBroker}, {@link PostgresServer} or {@link FlinkCluster}
 * as a parameter of a test, lifecycle method or constructor. Servers are started once per test JVM, shared by all
 * test classes, and stopped when the JVM ends (also when it is killed: see {@link OrphanReaper}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(LocalServersExtension.class)
public @interface WithLocalServers {
    Server[] value();
}
