package dev.cqrsorders.api.addresses;

/**
 * The SQL of {@link AddressesRepository}: primary key, or {@code addresses_user_id (user_id, address_id)} for the
 * user filter, each a range scan in {@code address_id} order.
 */
public final class AddressesSql {
    static final String SELECT =
            "SELECT address_id, user_id, street, city, state, postal_code, country, created_at FROM addresses";
    private static final String PAGE = " ORDER BY address_id LIMIT :limit";

    public static final String BY_ID = SELECT + " WHERE address_id = :addressId";
    public static final String ALL = SELECT + " WHERE address_id > :after" + PAGE;
    public static final String BY_USER = SELECT + " WHERE user_id = :userId AND address_id > :after" + PAGE;

    private AddressesSql() {}
}
