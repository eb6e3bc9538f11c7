package dev.cqrsorders.api.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Base of the ITCases that run the application (annotate the subclass with {@code @MicronautTest}) against the
 * shared read-model database, as the SELECT-only role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReadModelApiTest implements TestPropertyProvider {
    @Inject
    protected EmbeddedServer server;

    private Api api;

    @Override
    public Map<String, String> getProperties() {
        return ReadModelDatabase.shared().apiProperties();
    }

    protected Api api() {
        if (api == null) {
            api = new Api(server.getURI());
        }
        return api;
    }
}
