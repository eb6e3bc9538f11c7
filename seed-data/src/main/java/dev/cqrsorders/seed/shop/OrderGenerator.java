package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.shop.ShopRows.ItemRow;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.OrderBatch;
import dev.cqrsorders.seed.shop.ShopRows.OrderRow;
import dev.cqrsorders.seed.shop.ShopTables.Customers;
import net.datafaker.Faker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Orders placed by {@link Customers} within [start, end) of the order window, each with 1–5 items from the
 * {@link ProductCatalog}; ids continue from {@link NextIds}. The total is the exact sum of the item lines.
 */
public final class OrderGenerator {
    static final int MAX_ITEMS = 5;

    private final Random random;
    private final ProductCatalog catalog;
    private final Customers customers;
    private final long windowStartMillis;
    private final long windowMillis;
    private long nextOrderId;
    private long nextItemId;

    public OrderGenerator(Random random, ProductCatalog catalog, Customers customers, Instant windowStart,
                          Instant windowEnd, NextIds firstIds) {
        this.random = random;
        this.catalog = catalog;
        this.customers = customers;
        this.windowStartMillis = windowStart.toEpochMilli();
        this.windowMillis = Math.max(1, windowEnd.toEpochMilli() - windowStartMillis);
        this.nextOrderId = firstIds.order();
        this.nextItemId = firstIds.item();
    }

    public OrderBatch next(int count) {
        List<OrderRow> orders = new ArrayList<>(count);
        List<ItemRow> items = new ArrayList<>(count * 3);
        for (int i = 0; i < count; i++) {
            long orderId = nextOrderId++;
            int customer = customers.pick(random);
            long orderDateMillis = windowStartMillis + (long) (random.nextDouble() * windowMillis);
            int itemCount = 1 + random.nextInt(MAX_ITEMS);
            long total = 0;
            for (int n = 0; n < itemCount; n++) {
                ProductCatalog.Product product = catalog.pick(random);
                ItemRow item = new ItemRow(nextItemId++, orderId, product.name(), quantity(), product.priceCents());
                total += item.lineTotalCents();
                items.add(item);
            }
            orders.add(new OrderRow(orderId, customers.userId(customer), customers.pickAddress(customer, random),
                    total, ShopRows.utc(orderDateMillis)));
        }
        return new OrderBatch(orders, items);
    }

    /** Mostly one of a kind, sometimes a few. */
    private int quantity() {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return 1;
        }
        if (roll < 85) {
            return 2;
        }
        if (roll < 95) {
            return 3;
        }
        return 4 + random.nextInt(6);
    }

    /**
     * A fixed assortment of products with unit prices, so the same product costs the same in every order (and the
     * expensive Datafaker lookups happen once, not per item).
     */
    public static final class ProductCatalog {
        public record Product(String name, long priceCents) {
        }

        static final int DEFAULT_SIZE = 500;
        private static final long MIN_PRICE_CENTS = 199;
        private static final long MAX_PRICE_CENTS = 49_999;

        private final List<Product> products;

        private ProductCatalog(List<Product> products) {
            this.products = List.copyOf(products);
        }

        public static ProductCatalog generate(Random random, int size) {
            Faker faker = new Faker(Locale.US, random);
            Set<String> names = new LinkedHashSet<>();
            for (int attempt = 0; names.size() < size && attempt < size * 20; attempt++) {
                names.add(faker.commerce().productName());
            }
            List<Product> products = new ArrayList<>();
            for (String name : names) {
                // log-uniform: many cheap products, a few expensive ones
                double logPrice = Math.log(MIN_PRICE_CENTS)
                        + random.nextDouble() * (Math.log(MAX_PRICE_CENTS) - Math.log(MIN_PRICE_CENTS));
                products.add(new Product(name, Math.round(Math.exp(logPrice))));
            }
            return new ProductCatalog(products);
        }

        public Product pick(RandomGenerator random) {
            return products.get(random.nextInt(products.size()));
        }

        public List<Product> products() {
            return products;
        }
    }
}
