package dev.cqrsorders.api;

import dev.cqrsorders.api.support.ReadModelApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application's own DataSource is the SELECT-only role, with a statement timeout and generic plans (see
 * application.yml): it reads, it cannot write.
 */
@MicronautTest
class ReadOnlyDataSourceITCase extends ReadModelApiTest {
    private static final String INSERT = "INSERT INTO users (user_id, name, email, created_at, updated_at)"
            + " VALUES (99, 'Mallory', 'm@example.com', now(), now())";

    @Inject
    DataSource dataSource;

    @Test
    void connectsAsTheApiRoleWithAStatementTimeout() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT current_user")).isEqualTo("readmodel_api");
            assertThat(single(statement, "SHOW statement_timeout")).isEqualTo("3s");
            // prepared statements run their generic plans (IndexUsageITCase EXPLAINs them)
            assertThat(single(statement, "SHOW plan_cache_mode")).isEqualTo("auto");
            assertThat(single(statement, "SHOW application_name")).isEqualTo("serving-api");
            assertThat(single(statement, "SELECT count(*) FROM order_details")).isEqualTo("25");
        }
    }

    @Test
    void cannotInsertUpdateOrDelete() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String write : new String[] {INSERT, "UPDATE order_details SET total = 0", "DELETE FROM orders",
                    "TRUNCATE addresses", "CREATE TABLE intruder (id int)"}) {
                assertThatThrownBy(() -> statement.executeUpdate(write)).as(write).isInstanceOf(SQLException.class);
                endFailedTransaction(connection);
            }
            assertThat(single(statement, "SELECT count(*) FROM users WHERE user_id = 99")).isEqualTo("0");
            assertThat(single(statement, "SELECT count(*) FROM orders")).isEqualTo("25");
        }
    }

    @Test
    void evenWithReadOnlyModeOffTheRoleHasNoWriteGrant() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            try {
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                assertThatThrownBy(() -> statement.executeUpdate(INSERT))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
                endFailedTransaction(connection);
            } finally {
                statement.execute("RESET default_transaction_read_only");
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        }
    }

    private static void endFailedTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
