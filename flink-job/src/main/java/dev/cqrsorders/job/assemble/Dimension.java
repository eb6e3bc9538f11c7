package dev.cqrsorders.job.assemble;

/** The rows an order joins by foreign key; each is fanned out to its orders by a {@link DimensionFanout}. */
public enum Dimension {
    /** orders.user_id → users: user_name, user_email, user_phone. */
    USER,
    /** orders.address_id → addresses: full_address. */
    ADDRESS
}
