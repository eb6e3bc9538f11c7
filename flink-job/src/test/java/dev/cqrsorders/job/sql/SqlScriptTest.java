package dev.cqrsorders.job.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    @Test
    void splitsStatementsAndDropsComments() {
        SqlScript script = SqlScript.parse("t", """
                -- a comment; with a semicolon
                CREATE TABLE a (x INT) WITH ('connector' = 'x;y'); -- trailing
                CREATE VIEW `b;c` AS SELECT '--not a comment' AS s FROM a;
                """);
        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(0)).isEqualTo("CREATE TABLE a (x INT) WITH ('connector' = 'x;y')");
        assertThat(script.statements().get(1)).contains("'--not a comment'");
    }

    @Test
    void keepsAStatementSetTogetherAndExposesItsInserts() {
        SqlScript script = SqlScript.parse("t", """
                EXECUTE STATEMENT SET
                BEGIN
                    INSERT INTO a SELECT 1;
                    -- second
                    INSERT INTO b SELECT ';';
                END;
                SELECT 1;
                """);
        assertThat(script.statements()).hasSize(2);
        assertThat(SqlScript.statementSetInserts(script.statements().get(0)))
                .containsExactly("INSERT INTO a SELECT 1", "INSERT INTO b SELECT ';'");
        assertThat(SqlScript.statementSetInserts(script.statements().get(1))).isEmpty();
    }

    @Test
    void rejectsAnUnterminatedStatement() {
        assertThatThrownBy(() -> SqlScript.parse("t", "SELECT 1")).hasMessageContaining("no terminating");
        assertThatThrownBy(() -> SqlScript.parse("t", "SELECT 'x;")).hasMessageContaining("unterminated quote");
    }

    @Test
    void everyShippedFileParses() {
        for (String file : new String[] {"00-functions.sql", "01-cdc-sources.sql", "02-order-updates-source.sql",
                "client/02-order-updates-valid.sql", "03-views.sql", "04-sinks.sql"}) {
            assertThat(SqlScript.load(file).statements()).as(file).isNotEmpty();
        }
    }
}
