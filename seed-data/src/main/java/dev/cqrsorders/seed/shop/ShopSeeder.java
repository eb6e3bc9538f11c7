package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.RandomStreams;
import dev.cqrsorders.seed.shop.OrderGenerator.ProductCatalog;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.OrderBatch;
import dev.cqrsorders.seed.shop.ShopRows.SeedTotals;
import dev.cqrsorders.seed.shop.ShopRows.UserBatch;
import dev.cqrsorders.seed.shop.ShopTables.Customers;
import me.tongfei.progressbar.ProgressBar;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** Generates and writes users (with addresses), then orders (with items), batch by batch, reporting progress. */
final class ShopSeeder {
    private final UserGenerator users;
    private final OrderGenerator orders;
    private final ShopWriter writer;
    private final ProgressBar progress;
    private final int batchSize;

    ShopSeeder(ShopGenerators generators, ShopWriter writer, ProgressBar progress, int batchSize) {
        this.users = generators.users();
        this.orders = generators.orders();
        this.writer = writer;
        this.progress = progress;
        this.batchSize = batchSize;
    }

    SeedTotals seed(long userCount, long orderCount) throws SQLException {
        SeedTotals totals = inBatches(userCount, SeedTotals.NONE, (size, sum) -> {
            UserBatch batch = users.next(size);
            writer.write(batch);
            return sum.plus(batch);
        });
        return inBatches(orderCount, totals, (size, sum) -> {
            OrderBatch batch = orders.next(size);
            writer.write(batch);
            return sum.plus(batch);
        });
    }

    /** Generates and writes {@code count} users or orders, {@code batchSize} at a time, showing the progress. */
    private SeedTotals inBatches(long count, SeedTotals totals, Batch batch) throws SQLException {
        for (long done = 0; done < count; ) {
            int size = (int) Math.min(batchSize, count - done);
            totals = batch.write(size, totals);
            done += size;
            progress.stepBy(size);
            progress.setExtraMessage(String.format(Locale.ROOT, " %,d rows", totals.rows()));
        }
        return totals;
    }

    /** Writes the next {@code size} users or orders; the totals with them added. */
    private interface Batch {
        SeedTotals write(int size, SeedTotals totals) throws SQLException;
    }

    /** The generators of one {@code seed} run, each on its own random stream of the seed. */
    public record ShopGenerators(UserGenerator users, OrderGenerator orders) {

        /** Orders fall in [windowStart, windowEnd); users registered before windowStart. */
        public static ShopGenerators create(long seed, NextIds firstIds, Instant windowStart, Instant windowEnd,
                                            Customers customers) {
            UserGenerator users = new UserGenerator(RandomStreams.stream(seed, 0), RandomStreams.stream(seed, 1),
                    windowStart, firstIds, customers);
            ProductCatalog catalog = ProductCatalog.generate(RandomStreams.stream(seed, 2), ProductCatalog.DEFAULT_SIZE);
            OrderGenerator orders = new OrderGenerator(RandomStreams.stream(seed, 3), catalog, customers, windowStart,
                    windowEnd, firstIds);
            return new ShopGenerators(users, orders);
        }
    }
}
