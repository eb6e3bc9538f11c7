package dev.cqrsorders.seed.shop;

/**
 * The first id to use in each table: one past the current maximum. Rows get explicit ids so that addresses and
 * items can point at their user and order without reading generated keys back.
 */
public record FirstIds(long user, long address, long order, long item) {
    public static final FirstIds EMPTY_TABLES = new FirstIds(1, 1, 1, 1);
}
