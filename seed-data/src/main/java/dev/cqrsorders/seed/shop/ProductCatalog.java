package dev.cqrsorders.seed.shop;

import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A fixed assortment of products with unit prices, so the same product costs the same in every order (and the
 * expensive Datafaker lookups happen once, not per item).
 */
public final class ProductCatalog {
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
