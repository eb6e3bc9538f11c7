package dev.cqrsorders.seed.mysql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndDropsComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (x VARCHAR(8) DEFAULT 'a;b', y INT); # another; comment
                /* block; comment */ INSERT INTO a VALUES ('it''s;', 1);
                INSERT INTO `we;ird` VALUES ("q\\";", 2)
                """;

        assertThat(SqlStatements.split(script)).containsExactly(
                "CREATE TABLE a (x VARCHAR(8) DEFAULT 'a;b', y INT)",
                "INSERT INTO a VALUES ('it''s;', 1)",
                "INSERT INTO `we;ird` VALUES (\"q\\\";\", 2)");
    }

    @Test
    void keepsDoubleDashWithoutSpaceAsAnExpression() {
        assertThat(SqlStatements.split("SELECT 1--1;")).containsExactly("SELECT 1--1");
    }

    @Test
    void thePackedShopSchemaIsFoundAndSplitIntoItsStatements() {
        List<SchemaScripts.Script> scripts = SchemaScripts.load();

        assertThat(scripts).extracting(SchemaScripts.Script::name).contains("01-shop-schema.sql");
        List<String> statements = SqlStatements.split(scripts.get(0).sql());
        assertThat(statements).hasSize(6);
        assertThat(statements.get(0)).startsWith("CREATE DATABASE IF NOT EXISTS shop");
        assertThat(statements.get(1)).isEqualTo("USE shop");
        assertThat(statements.subList(2, 6)).allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS"));
    }
}
