package dev.cqrsorders.api;

import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.ReadModelApiTest;
import dev.cqrsorders.api.support.ReadModelDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL up but a query cannot finish (the owner holds an exclusive lock on the table): the statement timeout
 * (3 s) cuts it and the API answers 503 problem+json instead of hanging; once the lock is gone it answers again.
 */
@MicronautTest
class StuckDatabaseITCase extends ReadModelApiTest {

    @Test
    void aBlockedQueryIsCutByTheStatementTimeout() throws Exception {
        try (Connection owner = ReadModelDatabase.shared().connectAsOwner()) {
            owner.setAutoCommit(false);
            try (Statement lock = owner.createStatement()) {
                lock.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            Response response = api().get("/users/1");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2500)).isLessThan(Duration.ofSeconds(9));
            ErrorsITCase.assertProblem(response, 503, "Service Unavailable");
            owner.rollback();
        }
        assertThat(api().get("/users/1").status()).isEqualTo(200);
    }
}
