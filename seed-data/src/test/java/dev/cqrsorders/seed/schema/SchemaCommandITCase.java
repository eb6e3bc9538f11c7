package dev.cqrsorders.seed.schema;

import dev.cqrsorders.seed.CliRun;
import dev.cqrsorders.seed.StackArgs;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static dev.cqrsorders.seed.ShopQueries.list;
import static org.assertj.core.api.Assertions.assertThat;

@WithLocalServers(Server.MARIADB)
class SchemaCommandITCase {

    @Test
    void createsTheFourTablesAndCanRunAgain(MariaDbServer db) throws SQLException {
        CliRun first = CliRun.run(StackArgs.of(db, "schema"));
        CliRun second = CliRun.run(StackArgs.of(db, "schema"));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("ran 01-shop-schema.sql (6 statements) as shop_admin")
                .contains("tables in shop: ").contains("addresses", "order_items", "orders", "users");
        assertThat(second.err()).isEmpty();
        assertThat(tables(db)).contains("users", "addresses", "orders", "order_items");
    }

    @Test
    void theWriterMayNotRunDdlAndSaysSoInOneLine(MariaDbServer db) {
        CliRun run = CliRun.run(StackArgs.of(db, "schema", "--admin-user", "app", "--admin-password", "app"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString()
                .startsWith("seed-data: schema: statement 1 of 01-shop-schema.sql failed: ").contains("denied");
    }

    @Test
    void aWrongPasswordIsOneLine(MariaDbServer db) {
        CliRun run = CliRun.run(StackArgs.of(db, "schema", "--admin-password", "wrong"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("seed-data: cannot connect to MySQL at 127.0.0.1:" + db.port() + " as shop_admin: ")
                .contains("Access denied");
    }

    private static List<String> tables(MariaDbServer db) throws SQLException {
        return list(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop'",
                row -> row.getString(1));
    }
}
