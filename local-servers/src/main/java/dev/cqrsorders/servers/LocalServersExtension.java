package dev.cqrsorders.servers;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.util.Set;

/** Starts the servers a {@link WithLocalServers} class asks for; one {@link LocalServers} per test JVM. */
public final class LocalServersExtension implements BeforeAllCallback, ParameterResolver {
    private static final Set<Class<?>> RESOLVABLE = Set.of(LocalServers.class, MariaDbServer.class, KafkaBroker.class,
            PostgresServer.class, FlinkCluster.class);

    private static LocalServers shared;

    /** The per-JVM stack; work directory {@code target/local-servers/<pid>} of the module under test. */
    public static synchronized LocalServers shared() {
        if (shared == null) {
            Path workDir = Path.of("target", "local-servers", Long.toString(ProcessHandle.current().pid()));
            LocalServers stack = new LocalServers(workDir, LocalServers.ServerPorts.free(), Credentials.defaults(),
                    FlinkCluster.Options.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-servers-shutdown"));
            shared = stack;
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Server[] servers = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithLocalServers.class)
                .map(WithLocalServers::value).orElse(new Server[0]);
        shared().ensure(servers);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalServers stack = shared();
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalServers.class) {
            return stack;
        }
        if (type == MariaDbServer.class) {
            return stack.ensure(Server.MARIADB).mariaDb();
        }
        if (type == KafkaBroker.class) {
            return stack.ensure(Server.KAFKA).kafka();
        }
        if (type == PostgresServer.class) {
            return stack.ensure(Server.POSTGRES).postgres();
        }
        return stack.ensure(Server.FLINK).flink();
    }
}
