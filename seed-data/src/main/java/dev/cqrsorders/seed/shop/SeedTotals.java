package dev.cqrsorders.seed.shop;

/** What one {@code seed} run inserted. */
public record SeedTotals(long users, long addresses, long orders, long items) {
    public static final SeedTotals NONE = new SeedTotals(0, 0, 0, 0);

    public long rows() {
        return users + addresses + orders + items;
    }

    SeedTotals plus(UserBatch batch) {
        return new SeedTotals(users + batch.users().size(), addresses + batch.addresses().size(), orders, items);
    }

    SeedTotals plus(OrderBatch batch) {
        return new SeedTotals(users, addresses, orders + batch.orders().size(), items + batch.items().size());
    }
}
