package dev.cqrsorders.api.request;

/**
 * What each parameter accepts, worded as the 400's detail says it (the value received follows it). They are the
 * {@code message} of the parameters' constraints, and the detail of a value that is not even a number.
 */
public final class ParameterRules {
    private static final String POSITIVE_ID = " must be a positive integer id (1 to " + Long.MAX_VALUE + ")";

    public static final String ORDER_ID = "order_id" + POSITIVE_ID;
    public static final String USER_ID = "user_id" + POSITIVE_ID;
    public static final String ADDRESS_ID = "address_id" + POSITIVE_ID;
    public static final String LIMIT = "limit must be an integer from 1 to 1000";
    public static final String AFTER = "after must be a non-negative integer (the last id of the previous page)";

    private ParameterRules() {}
}
