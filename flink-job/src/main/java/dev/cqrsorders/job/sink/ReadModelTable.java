package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.shop.ShopRow;

/** The tables the job writes in PostgreSQL (read-model-schema's migrations). */
public enum ReadModelTable {
    USERS("users"), ADDRESSES("addresses"), ORDERS("orders"), ORDER_DETAILS("order_details"),
    /** Not a row of the read model: how far it has applied its sources ({@link ReadModelWrite.Progress}). */
    PROGRESS("read_model_progress");

    private final String tableName;

    ReadModelTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }

    /** The projection table of a write-model row (items have none: they live in order_details). */
    public static ReadModelTable projectionOf(ShopRow row) {
        if (row instanceof ShopRow.User) {
            return USERS;
        }
        if (row instanceof ShopRow.Address) {
            return ADDRESSES;
        }
        if (row instanceof ShopRow.Order) {
            return ORDERS;
        }
        throw new IllegalArgumentException("items have no projection table");
    }
}
