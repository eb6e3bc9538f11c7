package dev.cqrsorders.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.util.Set;

/** Starts the servers a {@link LocalStackTest} class asks for; one {@link LocalStack} per test JVM. */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final Set<Class<?>> RESOLVABLE = Set.of(LocalStack.class, MariaDbServer.class, KafkaBroker.class,
            PostgresServer.class, FlinkCluster.class);

    private static LocalStack shared;

    /** The per-JVM stack; work directory {@code target/local-stack/<pid>} of the module under test. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            Path workDir = Path.of("target", "local-stack", Long.toString(ProcessHandle.current().pid()));
            LocalStack stack = new LocalStack(workDir, LocalStack.Ports.free(), Credentials.defaults(),
                    FlinkCluster.Options.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
            shared = stack;
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Server[] servers = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LocalStackTest.class)
                .map(LocalStackTest::value).orElse(new Server[0]);
        shared().ensure(servers);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = shared();
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalStack.class) {
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
