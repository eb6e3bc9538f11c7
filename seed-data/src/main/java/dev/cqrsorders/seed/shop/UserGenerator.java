package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.shop.ShopRows.AddressRow;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.UserBatch;
import dev.cqrsorders.seed.shop.ShopRows.UserRow;
import dev.cqrsorders.seed.shop.ShopTables.Customers;
import net.datafaker.Faker;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic users (Datafaker, en-US), each with 1–3 US addresses; ids continue from {@link NextIds}. Every user
 * generated is added to {@link Customers}. Emails are unique because they contain the user id. A user registered
 * (created_at) within two years before the order window starts, so before any of its orders.
 */
public final class UserGenerator {
    static final String COUNTRY = "United States";
    private static final Duration REGISTRATION_SPREAD = Duration.ofDays(730);

    private final Faker faker;
    private final Random random;
    private final long registeredBeforeMillis;
    private final Customers customers;
    private long nextUserId;
    private long nextAddressId;

    public UserGenerator(Random fakerRandom, Random random, Instant orderWindowStart, NextIds firstIds,
                         Customers customers) {
        this.faker = new Faker(Locale.US, fakerRandom);
        this.random = random;
        this.registeredBeforeMillis = orderWindowStart.toEpochMilli();
        this.customers = customers;
        this.nextUserId = firstIds.user();
        this.nextAddressId = firstIds.address();
    }

    public UserBatch next(int count) {
        List<UserRow> users = new ArrayList<>(count);
        List<AddressRow> addresses = new ArrayList<>(count * 2);
        for (int i = 0; i < count; i++) {
            long userId = nextUserId++;
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            long createdMillis = registeredBeforeMillis - 1 - (long) (random.nextDouble() * REGISTRATION_SPREAD.toMillis());
            UserRow user = new UserRow(userId, first + " " + last,
                    faker.internet().emailAddress(emailLocalPart(first, last, userId)),
                    faker.phoneNumber().phoneNumber(), ShopRows.utc(createdMillis));
            users.add(user);
            long[] addressIds = new long[1 + random.nextInt(3)];
            for (int a = 0; a < addressIds.length; a++) {
                addressIds[a] = nextAddressId++;
                addresses.add(address(addressIds[a], user));
            }
            customers.add(userId, addressIds);
        }
        return new UserBatch(users, addresses);
    }

    private AddressRow address(long addressId, UserRow user) {
        String state = faker.address().stateAbbr();
        return new AddressRow(addressId, user.userId(), faker.address().streetAddress(random.nextInt(5) == 0),
                faker.address().city(), state, faker.address().zipCodeByState(state), COUNTRY, user.createdAt());
    }

    /** e.g. {@code jose.nunez.1042}: ASCII letters and digits, unique through the id. */
    static String emailLocalPart(String first, String last, long userId) {
        return ascii(first) + "." + ascii(last) + "." + userId;
    }

    private static String ascii(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9]", "");
        return plain.isEmpty() ? "user" : plain.toLowerCase(Locale.ROOT);
    }
}
