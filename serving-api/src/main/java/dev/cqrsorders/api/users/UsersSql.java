package dev.cqrsorders.api.users;

/** The SQL of {@link UsersRepository}: primary-key lookups and range scans in {@code user_id} order. */
public final class UsersSql {
    static final String SELECT = "SELECT user_id, name, email, phone, created_at, updated_at FROM users";

    public static final String BY_ID = SELECT + " WHERE user_id = :userId";
    public static final String ALL = SELECT + " WHERE user_id > :after ORDER BY user_id LIMIT :limit";

    private UsersSql() {}
}
