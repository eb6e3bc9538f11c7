package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.CliRun;
import dev.cqrsorders.seed.StackArgs;
import dev.cqrsorders.seed.shop.ShopRows.ItemRow;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.OrderRow;
import dev.cqrsorders.seed.shop.ShopRows.UserRow;
import dev.cqrsorders.servers.MariaDbServer;
import dev.cqrsorders.servers.Server;
import dev.cqrsorders.servers.WithLocalServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cqrsorders.seed.ShopQueries.list;
import static dev.cqrsorders.seed.ShopQueries.number;
import static org.assertj.core.api.Assertions.assertThat;

@WithLocalServers(Server.MARIADB)
class SeedCommandITCase {
    private static final String UNTIL = "2026-11-26T12:00:00Z";

    @BeforeAll
    static void schema(MariaDbServer db) {
        StackArgs.ensureSchema(db);
    }

    @Test
    void seedsUsersAddressesOrdersAndItemsThatAddUp(MariaDbServer db) throws SQLException {
        Map<String, Long> before = counts(db);
        NextIds first = firstIds(db);

        CliRun run = CliRun.run(StackArgs.of(db, "seed", "--users", "1000", "--orders", "10000", "--seed", "42",
                "--until", UNTIL));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Long> after = counts(db);
        assertThat(printedCounts(run.out())).isEqualTo(after);
        assertThat(after.get("users") - before.get("users")).isEqualTo(1000);
        assertThat(after.get("orders") - before.get("orders")).isEqualTo(10000);
        assertThat(after.get("addresses") - before.get("addresses")).isBetween(1000L, 3000L);
        assertThat(after.get("order_items") - before.get("order_items")).isBetween(10000L, 50000L);
        assertThat(run.out()).contains("seed: order ids " + first.order() + "-" + (first.order() + 9999));
        assertThat(run.err()).contains("rows").containsOnlyOnce("seed users+orders 100%");

        String newItems = "i.item_id >= " + first.item();
        String newOrders = "o.order_id >= " + first.order();
        assertThat(number(db, "SELECT COUNT(*) FROM order_items i LEFT JOIN orders o ON o.order_id = i.order_id "
                + "WHERE " + newItems + " AND o.order_id IS NULL")).as("items without their order").isZero();
        assertThat(number(db, "SELECT COUNT(*) FROM orders o JOIN (SELECT order_id, SUM(quantity * price) AS sum, "
                + "COUNT(*) AS n FROM order_items GROUP BY order_id) i ON i.order_id = o.order_id WHERE " + newOrders
                + " AND o.total = i.sum AND i.n BETWEEN 1 AND 5")).as("orders whose total is the item sum")
                .isEqualTo(10000);
        assertThat(number(db, "SELECT COUNT(*) FROM orders o JOIN addresses a ON a.address_id = o.address_id "
                + "AND a.user_id = o.user_id WHERE " + newOrders)).as("orders shipped to their user").isEqualTo(10000);
        assertThat(number(db, "SELECT COUNT(*) FROM orders o WHERE " + newOrders
                + " AND (o.status <> 'created' OR o.updated_at <> o.order_date OR o.order_date >= '2026-11-26 12:00:00'"
                + " OR o.order_date < '2026-08-28 12:00:00')")).as("orders not created within the window").isZero();
    }

    @Test
    void theRowsAreTheOnesTheSeedDetermines(MariaDbServer db) throws SQLException {
        NextIds first = firstIds(db);

        CliRun run = CliRun.run(StackArgs.of(db, "seed", "--users", "50", "--orders", "200", "--seed", "7",
                "--until", UNTIL, "--days", "30", "--batch-size", "33"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        GeneratedShopData expected = GeneratedShopData.generate(7, first, Instant.parse(UNTIL), 30, 50, 200, 1000);
        assertThat(users(db, first.user())).isEqualTo(expected.users());
        assertThat(orders(db, first.order())).isEqualTo(expected.orders());
        assertThat(items(db, first.item())).isEqualTo(expected.items());
    }

    @Test
    void withoutNewUsersOrdersGoToExistingUsers(MariaDbServer db) throws SQLException {
        assertThat(CliRun.run(StackArgs.of(db, "seed", "--users", "5", "--orders", "0")).exitCode()).isZero();
        NextIds first = firstIds(db);

        CliRun run = CliRun.run(StackArgs.of(db, "seed", "--users", "0", "--orders", "50"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(number(db, "SELECT COUNT(*) FROM orders o JOIN users u ON u.user_id = o.user_id JOIN addresses a "
                + "ON a.address_id = o.address_id AND a.user_id = o.user_id WHERE o.order_id >= " + first.order()))
                .isEqualTo(50);
    }

    @Test
    void aDatabaseTheWriterCannotUseIsOneLine(MariaDbServer db) {
        CliRun run = CliRun.run(StackArgs.of(db, "seed", "--database", "elsewhere"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("seed-data: cannot connect to MySQL at ")
                .contains("elsewhere");
    }

    static Map<String, Long> printedCounts(String out) {
        Matcher line = Pattern.compile("seed: row counts in shop: (.*)").matcher(out);
        assertThat(line.find()).as(out).isTrue();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String pair : line.group(1).trim().split(" ")) {
            String[] parts = pair.split("=");
            counts.put(parts[0], Long.parseLong(parts[1]));
        }
        return counts;
    }

    static Map<String, Long> counts(MariaDbServer db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("users", "addresses", "orders", "order_items")) {
            counts.put(table, number(db, "SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    static NextIds firstIds(MariaDbServer db) throws SQLException {
        return new NextIds(number(db, "SELECT COALESCE(MAX(user_id), 0) + 1 FROM users"),
                number(db, "SELECT COALESCE(MAX(address_id), 0) + 1 FROM addresses"),
                number(db, "SELECT COALESCE(MAX(order_id), 0) + 1 FROM orders"),
                number(db, "SELECT COALESCE(MAX(item_id), 0) + 1 FROM order_items"));
    }

    private static List<UserRow> users(MariaDbServer db, long firstId) throws SQLException {
        return list(db, "SELECT user_id, name, email, phone, created_at, updated_at FROM users WHERE user_id >= "
                + firstId + " ORDER BY user_id", row -> {
            assertThat(row.getObject(6, LocalDateTime.class)).isEqualTo(row.getObject(5, LocalDateTime.class));
            return new UserRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getObject(5, LocalDateTime.class));
        });
    }

    private static List<OrderRow> orders(MariaDbServer db, long firstId) throws SQLException {
        return list(db, "SELECT order_id, user_id, address_id, total, order_date FROM orders WHERE order_id >= "
                + firstId + " ORDER BY order_id", row -> new OrderRow(row.getLong(1), row.getLong(2), row.getLong(3),
                row.getBigDecimal(4).movePointRight(2).longValueExact(), row.getObject(5, LocalDateTime.class)));
    }

    private static List<ItemRow> items(MariaDbServer db, long firstId) throws SQLException {
        return list(db, "SELECT item_id, order_id, product_name, quantity, price FROM order_items WHERE item_id >= "
                + firstId + " ORDER BY item_id", row -> new ItemRow(row.getLong(1), row.getLong(2), row.getString(3),
                row.getInt(4), row.getBigDecimal(5).movePointRight(2).longValueExact()));
    }
}
