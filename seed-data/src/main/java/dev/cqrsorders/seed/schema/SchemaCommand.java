package dev.cqrsorders.seed.schema;

import dev.cqrsorders.seed.UsageChecks;
import dev.cqrsorders.seed.MySqlOptions;
import dev.cqrsorders.seed.UserError;
import dev.cqrsorders.seed.mysql.SchemaScripts;
import dev.cqrsorders.seed.mysql.SchemaScripts.Script;
import dev.cqrsorders.seed.mysql.SqlStatements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code seed-data schema}: runs the packed schema scripts as the DDL user. They are idempotent (IF NOT EXISTS). */
@Command(name = "schema", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the database `shop` and its tables (users, addresses, orders, order_items) by running "
                + "the schema script(s) packed into this tool (sql/mysql/*.sql). Idempotent: safe to run again.",
                "Connects as a user allowed to run DDL (--admin-user), not as the writer."})
public final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MySqlOptions mysql;

    @Option(names = "--admin-user", paramLabel = "USER", defaultValue = "${env:MYSQL_ADMIN_USER:-shop_admin}",
            description = "MySQL user allowed to run DDL, e.g. root in docker-compose "
                    + "(env MYSQL_ADMIN_USER; default: ${DEFAULT-VALUE}).")
    String adminUser;

    // written out rather than ${DEFAULT-VALUE}: help must not echo a password from the env
    @Option(names = "--admin-password", paramLabel = "PASSWORD", defaultValue = "${env:MYSQL_ADMIN_PASSWORD:-shop_admin}",
            description = "Password of --admin-user (env MYSQL_ADMIN_PASSWORD; default: shop_admin).")
    String adminPassword;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = mysql.connect("", adminUser, adminPassword);
             Statement statement = connection.createStatement()) {
            for (Script script : SchemaScripts.load()) {
                int count = run(statement, script);
                out.printf("schema: ran %s (%d statements) as %s at %s:%d%n", script.name(), count, adminUser,
                        mysql.host(), mysql.port());
            }
            String database = currentDatabase(statement);
            out.printf("schema: tables in %s: %s%n", database, String.join(", ", tables(statement)));
            out.flush();
            return 0;
        } catch (SQLException e) {
            throw new UserError("schema: " + UserError.reason(e), e);
        }
    }

    private static int run(Statement statement, Script script) {
        List<String> statements = SqlStatements.split(script.sql());
        for (int i = 0; i < statements.size(); i++) {
            try {
                statement.execute(statements.get(i));
            } catch (SQLException e) {
                throw new UserError("schema: statement " + (i + 1) + " of " + script.name() + " failed: "
                        + UserError.reason(e), e);
            }
        }
        return statements.size();
    }

    private static String currentDatabase(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            rs.next();
            String database = rs.getString(1);
            if (database == null) {
                throw new UserError("schema: the scripts selected no database (expected 'USE shop')");
            }
            return database;
        }
    }

    private static List<String> tables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
