package dev.cqrsorders.seed.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The users orders may be placed for, each with the ids of its addresses (an order ships to one of them). */
public final class Customers {
    private final List<Long> userIds = new ArrayList<>();
    private final List<long[]> addressIds = new ArrayList<>();

    public void add(long userId, long[] addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("user " + userId + " has no address");
        }
        userIds.add(userId);
        addressIds.add(addresses);
    }

    public int size() {
        return userIds.size();
    }

    public boolean isEmpty() {
        return userIds.isEmpty();
    }

    /** A random customer: index into this list. */
    public int pick(RandomGenerator random) {
        return random.nextInt(userIds.size());
    }

    public long userId(int customer) {
        return userIds.get(customer);
    }

    public long pickAddress(int customer, RandomGenerator random) {
        long[] addresses = addressIds.get(customer);
        return addresses[random.nextInt(addresses.length)];
    }
}
