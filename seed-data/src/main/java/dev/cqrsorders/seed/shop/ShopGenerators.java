package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.RandomStreams;
import dev.cqrsorders.seed.shop.ShopRows.FirstIds;

import java.time.Instant;

/** The generators of one {@code seed} run, each on its own random stream of the seed. */
public record ShopGenerators(UserGenerator users, OrderGenerator orders) {

    /** Orders fall in [windowStart, windowEnd); users registered before windowStart. */
    public static ShopGenerators create(long seed, FirstIds firstIds, Instant windowStart, Instant windowEnd,
                                        Customers customers) {
        UserGenerator users = new UserGenerator(RandomStreams.stream(seed, 0), RandomStreams.stream(seed, 1),
                windowStart, firstIds, customers);
        ProductCatalog catalog = ProductCatalog.generate(RandomStreams.stream(seed, 2), ProductCatalog.DEFAULT_SIZE);
        OrderGenerator orders = new OrderGenerator(RandomStreams.stream(seed, 3), catalog, customers, windowStart,
                windowEnd, firstIds);
        return new ShopGenerators(users, orders);
    }
}
