package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.shop.ShopRows.AddressRow;
import dev.cqrsorders.seed.shop.ShopRows.ItemRow;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.OrderBatch;
import dev.cqrsorders.seed.shop.ShopRows.OrderRow;
import dev.cqrsorders.seed.shop.ShopRows.UserBatch;
import dev.cqrsorders.seed.shop.ShopRows.UserRow;
import dev.cqrsorders.seed.shop.ShopSeeder.ShopGenerators;
import dev.cqrsorders.seed.shop.ShopTables.Customers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@code seed} run's rows generated in memory, through the same generators, for tests to compare with. */
public record GeneratedShopData(List<UserRow> users, List<AddressRow> addresses, List<OrderRow> orders,
                                List<ItemRow> items) {

    public static GeneratedShopData generate(long seed, NextIds firstIds, Instant until, int days, int users,
                                             int orders, int batchSize) {
        ShopGenerators generators = ShopGenerators.create(seed, firstIds, until.minus(Duration.ofDays(days)), until,
                new Customers());
        GeneratedShopData data = new GeneratedShopData(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int done = 0; done < users; done += batchSize) {
            UserBatch batch = generators.users().next(Math.min(batchSize, users - done));
            data.users.addAll(batch.users());
            data.addresses.addAll(batch.addresses());
        }
        for (int done = 0; done < orders; done += batchSize) {
            OrderBatch batch = generators.orders().next(Math.min(batchSize, orders - done));
            data.orders.addAll(batch.orders());
            data.items.addAll(batch.items());
        }
        return data;
    }
}
