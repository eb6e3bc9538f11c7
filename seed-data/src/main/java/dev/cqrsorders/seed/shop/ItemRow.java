package dev.cqrsorders.seed.shop;

/** A row of {@code order_items}; the price is per unit, in cents. */
public record ItemRow(long itemId, long orderId, String productName, int quantity, long priceCents) {
    public long lineTotalCents() {
        return priceCents * quantity;
    }
}
