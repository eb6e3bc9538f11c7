package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.CliErrors.UsageChecks;
import dev.cqrsorders.seed.CliErrors.UserError;
import dev.cqrsorders.seed.MySqlOptions;
import dev.cqrsorders.seed.MySqlOptions.ShopAccount;
import dev.cqrsorders.seed.TimeConverters;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.SeedTotals;
import dev.cqrsorders.seed.shop.ShopSeeder.ShopGenerators;
import dev.cqrsorders.seed.shop.ShopTables.Customers;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code seed-data seed}: inserts realistic users, addresses, orders and items as the writer. */
@Command(name = "seed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inserts N users (1-3 addresses each) and M orders (1-5 items each, status 'created', "
                + "order_date spread over the last --days days, UTC) as the writer user.",
                "Ids continue after the current maximum of each table. The same --seed, --until and starting "
                        + "ids give the same rows. Orders belong to the users inserted in the same run, or to the "
                        + "existing users when --users is 0.",
                "Prints a progress bar on stderr and the tables' row counts at the end."})
public final class SeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "1000",
            description = "Users to insert (default: ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "10000",
            description = "Orders to insert (default: ${DEFAULT-VALUE}).")
    long orders;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed; the same seed gives the same data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Users or orders per JDBC batch and transaction, with their addresses or items "
                    + "(default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90",
            description = "Spread order dates over this many days before --until (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--until", paramLabel = "INSTANT", converter = TimeConverters.UtcInstant.class,
            description = "End of the order date window, ISO-8601 UTC like 2026-11-26T12:00:00Z "
                    + "(default: now; set it for reproducible rows).")
    Instant until;

    @Mixin
    MySqlOptions mysql;

    @Mixin
    ShopAccount shop;

    @Override
    public Integer call() {
        validate();
        Instant windowEnd = (until != null ? until : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
        Instant windowStart = windowEnd.minus(Duration.ofDays(days));
        try (Connection connection = shop.connect(mysql)) {
            ShopTables.requireTables(connection, shop.database());
            NextIds firstIds = ShopTables.firstIds(connection);
            Customers customers = users == 0 && orders > 0 ? existingCustomers(connection) : new Customers();
            ShopGenerators generators = ShopGenerators.create(seed, firstIds, windowStart, windowEnd, customers);
            long start = System.nanoTime();
            SeedTotals totals;
            try (ShopWriter writer = new ShopWriter(connection); ProgressBar progress = progressBar(users + orders)) {
                totals = new ShopSeeder(generators, writer, progress, batchSize).seed(users, orders);
            }
            report(totals, Duration.ofNanos(System.nanoTime() - start), firstIds, ShopTables.rowCounts(connection));
            return 0;
        } catch (SQLException e) {
            throw new UserError("seed: " + UserError.reason(e), e);
        }
    }

    /**
     * Users and orders done, on stderr: redrawn in place on a terminal, otherwise (a pipe, a log) a line every 10 s.
     */
    private ProgressBar progressBar(long total) {
        ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("seed users+orders").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).showSpeed();
        if (System.console() == null) {
            PrintWriter err = spec.commandLine().getErr();
            String[] last = {null};
            bar.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(line -> {
                // closing, the library renders the final state twice (on a terminal the second overwrites the first)
                if (!line.equals(last[0])) {
                    err.println(line);
                    err.flush();
                }
                last[0] = line;
            }));
        }
        return bar.build();
    }

    private void validate() {
        UsageChecks.require(spec, users >= 0, "--users must not be negative");
        UsageChecks.require(spec, orders >= 0, "--orders must not be negative");
        UsageChecks.require(spec, batchSize >= 1 && batchSize <= 100_000, "--batch-size must be between 1 and 100000");
        UsageChecks.require(spec, days >= 1, "--days must be at least 1");
    }

    private Customers existingCustomers(Connection connection) throws SQLException {
        Customers customers = ShopTables.existingCustomers(connection);
        if (customers.isEmpty()) {
            throw new UserError("seed: --users 0 needs existing users with an address in " + shop.database()
                    + " to place the orders for");
        }
        return customers;
    }

    private void report(SeedTotals totals, Duration elapsed, NextIds firstIds, Map<String, Long> counts) {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.printf(Locale.ROOT, "seed: inserted %d users, %d addresses, %d orders, %d order_items (%d rows) in %.1f s "
                        + "(%.0f rows/s), seed %d%n", totals.users(), totals.addresses(), totals.orders(),
                totals.items(), totals.rows(), seconds, totals.rows() / seconds, seed);
        if (totals.orders() > 0) {
            out.printf(Locale.ROOT, "seed: order ids %d-%d%n", firstIds.order(), firstIds.order() + totals.orders() - 1);
        }
        out.println("seed: row counts in " + shop.database() + ": " + counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        out.flush();
    }
}
