package dev.cqrsorders.seed.shop;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The rows {@code seed} writes, the batches they are written in, and what a run wrote. Times are UTC. */
public final class ShopRows {
    private ShopRows() {
    }

    /** A row of {@code users}; {@code updated_at} equals {@code created_at}. */
    public record UserRow(long userId, String name, String email, String phone, LocalDateTime createdAt) {
    }

    /** A row of {@code addresses}. */
    public record AddressRow(long addressId, long userId, String street, String city, String state, String postalCode,
                             String country, LocalDateTime createdAt) {
    }

    /**
     * A row of {@code orders}: status {@code created}, set when the order was placed, so {@code updated_at} equals
     * {@code order_date}. The total is the sum of the item lines, in cents.
     */
    public record OrderRow(long orderId, long userId, long addressId, long totalCents, LocalDateTime orderDate) {
        public static final String STATUS = "created";
    }

    /** A row of {@code order_items}; the price is per unit, in cents. */
    public record ItemRow(long itemId, long orderId, String productName, int quantity, long priceCents) {
        public long lineTotalCents() {
            return priceCents * quantity;
        }
    }

    /** Users with their addresses, written in one transaction. */
    public record UserBatch(List<UserRow> users, List<AddressRow> addresses) {
        public int rowCount() {
            return users.size() + addresses.size();
        }
    }

    /** Orders with their items, written in one transaction. */
    public record OrderBatch(List<OrderRow> orders, List<ItemRow> items) {
        public int rowCount() {
            return orders.size() + items.size();
        }
    }

    /**
     * The first id to use in each table: one past the current maximum. Rows get explicit ids so that addresses and
     * items can point at their user and order without reading generated keys back.
     */
    public record NextIds(long user, long address, long order, long item) {
        public static final NextIds EMPTY_TABLES = new NextIds(1, 1, 1, 1);
    }

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

    /** A DATETIME(3) value: UTC, millisecond precision. */
    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
