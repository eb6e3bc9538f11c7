package dev.cqrsorders.api;

import dev.cqrsorders.api.addresses.AddressesRepository;
import dev.cqrsorders.api.orderdetails.OrderDetailsRepository;
import dev.cqrsorders.api.orders.OrdersRepository;
import dev.cqrsorders.api.support.ReadModelDatabase;
import dev.cqrsorders.api.users.UsersRepository;
import dev.cqrsorders.readmodel.ReadModelSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAINs every statement the repositories run, on a copy of the read-model schema (the real Flyway migrations, in
 * schema {@code explain_check}) holding 100k orders, 10k users and 20k addresses, and checks that each reads the index
 * it was written for and never scans a table sequentially: its generic plan (what a prepared statement runs after
 * its first executions, whatever the values) and its custom plan for a rare and a common status. Pages over large
 * ranges (everything, one status) come out of the index in key order without a sort; a user's few rows (about 10
 * here) may be fetched through a bitmap and sorted, as PostgreSQL prefers for so few rows. (An order's items are
 * sorted inside its document: that sort is not the page's.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexUsageITCase {
    private static final String SCHEMA = "explain_check";
    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z]+)");
    /** Parameter values: a rare status ('created' is 1% of the rows), an existing user, an early cursor. */
    private static final Map<String, String> PARAMS = Map.of(
            "orderId", "50000",
            "userId", "42",
            "addressId", "777",
            "status", "'created'",
            "after", "5000",
            "limit", "51");

    /** A sort of the page's rows (by a key column), not the one inside a document's items. */
    private static final String PAGE_SORT = "Sort Key: [^\\n]*(order_id|user_id|address_id)";

    private Connection owner;

    @BeforeAll
    void loadAHundredThousandOrders() throws SQLException {
        ReadModelDatabase database = ReadModelDatabase.shared();
        var credentials = database.postgres().credentials();
        // the simple query protocol: EXPLAIN (GENERIC_PLAN) takes $1, $2, ... with no values bound
        owner = java.sql.DriverManager.getConnection(database.postgres().jdbcUrl() + "?preferQueryMode=simple",
                credentials.postgresOwner(), credentials.postgresOwnerPassword());
        try (Statement s = owner.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        var c = database.postgres().credentials();
        ReadModelSchema.migrate(database.postgres().jdbcUrl() + "?currentSchema=" + SCHEMA,
                c.postgresOwner(), c.postgresOwnerPassword());
        try (Statement s = owner.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            s.execute("""
                    INSERT INTO users SELECT g, 'user ' || g, 'user' || g || '@example.com', NULL, now(), now()
                    FROM generate_series(1, 10000) g""");
            s.execute("""
                    INSERT INTO addresses SELECT g, 1 + g % 10000, 'street', 'city', 'state', '00000', 'US', now()
                    FROM generate_series(1, 20000) g""");
            String status = """
                    CASE WHEN g % 100 = 0 THEN 'created'
                         ELSE (ARRAY['received','preparing','ready','picked_up','delivered','cancelled'])[1 + g % 6] END""";
            s.execute("INSERT INTO orders SELECT g, 1 + g % 10000, 1 + g % 20000, 10.00, " + status
                    + ", now(), now() FROM generate_series(1, 100000) g");
            s.execute("INSERT INTO order_details SELECT g, 1 + g % 10000, 'user', 'u@example.com', NULL, 1 + g % 20000,"
                    + " 'street, city, state, 00000, US', 10.00, now(), " + status + ", now(), 1, 10.00,"
                    + " 'Widget (Qty: 1, Price: 10.00, Total: 10.00)',"
                    + " '[{\"item_id\": 1, \"product_name\": \"Widget\", \"quantity\": 1, \"price\": \"10.00\","
                    + " \"line_total\": \"10.00\"}]' FROM generate_series(1, 100000) g");
            s.execute("ANALYZE users, addresses, orders, order_details");
        }
    }

    @AfterAll
    void dropTheCopy() throws SQLException {
        try (Statement s = owner.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        owner.close();
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("order_details by id", OrderDetailsRepository.BY_ID, "order_details_pkey", true),
                Arguments.of("order_details page", OrderDetailsRepository.ALL, "order_details_pkey", true),
                Arguments.of("order_details by status", OrderDetailsRepository.BY_STATUS, "order_details_status", true),
                Arguments.of("order_details by user", OrderDetailsRepository.BY_USER, "order_details_user_id", false),
                Arguments.of("order_details by user and status", OrderDetailsRepository.BY_USER_AND_STATUS,
                        "order_details_(user_id|status)", false),
                Arguments.of("orders by id", OrdersRepository.BY_ID, "orders_pkey", true),
                Arguments.of("orders page", OrdersRepository.ALL, "orders_pkey", true),
                Arguments.of("orders by status", OrdersRepository.BY_STATUS, "orders_status", true),
                Arguments.of("orders by user", OrdersRepository.BY_USER, "orders_user_id", false),
                Arguments.of("orders by user and status", OrdersRepository.BY_USER_AND_STATUS, "orders_(user_id|status)",
                        false),
                Arguments.of("users by id", UsersRepository.BY_ID, "users_pkey", true),
                Arguments.of("users page", UsersRepository.ALL, "users_pkey", true),
                Arguments.of("addresses by id", AddressesRepository.BY_ID, "addresses_pkey", true),
                Arguments.of("addresses page", AddressesRepository.ALL, "addresses_pkey", true),
                Arguments.of("addresses by user", AddressesRepository.BY_USER, "addresses_user_id", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void readsItsIndex(String name, String sql, String expectedIndex, boolean inKeyOrder) throws SQLException {
        for (String statement : new String[] {"EXPLAIN " + withLiterals(sql), "EXPLAIN (GENERIC_PLAN) " + withPlaceholders(sql)}) {
            String plan = explain(statement);
            System.out.printf("%s%n%s%n", statement, plan);

            assertThat(plan).as(name + "\n" + plan)
                    .containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) " + expectedIndex + " ")
                    .doesNotContain("Seq Scan");
            if (inKeyOrder) {
                assertThat(plan).as(name + "\n" + plan)
                        .containsPattern("Index (Only )?Scan using " + expectedIndex + " ")
                        .doesNotContainPattern(PAGE_SORT);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusStatements")
    void aCommonStatusStillReadsAnIndexInKeyOrder(String name, String sql) throws SQLException {
        String plan = explain("EXPLAIN " + withLiterals(sql).replace("'created'", "'delivered'"));
        System.out.printf("EXPLAIN %s, common status%n%s%n", name, plan);

        assertThat(plan).as(name + "\n" + plan)
                .containsPattern("Index (Only )?Scan using ")
                .doesNotContain("Seq Scan")
                .doesNotContainPattern(PAGE_SORT);
    }

    static Stream<Arguments> statusStatements() {
        return Stream.of(
                Arguments.of("order_details by status", OrderDetailsRepository.BY_STATUS),
                Arguments.of("orders by status", OrdersRepository.BY_STATUS));
    }

    private String explain(String statement) throws SQLException {
        try (Statement s = owner.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery(statement)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** The statement as a prepared statement sends it: $1, $2, ... in the order the names appear. */
    private static String withPlaceholders(String sql) {
        Matcher matcher = NAMED.matcher(sql);
        StringBuilder prepared = new StringBuilder();
        int n = 0;
        while (matcher.find()) {
            matcher.appendReplacement(prepared, "\\$" + ++n);
        }
        matcher.appendTail(prepared);
        return prepared.toString();
    }

    private static String withLiterals(String sql) {
        Matcher matcher = NAMED.matcher(sql);
        StringBuilder literal = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(literal, PARAMS.get(matcher.group(1)));
        }
        matcher.appendTail(literal);
        return literal.toString();
    }
}
