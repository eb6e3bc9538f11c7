-- The REST API's answers as PostgreSQL renders them: one JSON document per row, in the contract's shape (snake_case
-- fields in the API's order, money as strings with two decimals, UTC timestamps as ISO-8601 with milliseconds and Z,
-- nulls explicit, an order's items in item_id order). serving-api sends these documents as they come, without
-- mapping or serializing them again, so a read costs about what PostgreSQL's query costs.

-- A UTC wall-clock TIMESTAMP as the API writes it: 2026-11-26T12:00:00.123Z. Inlined by the planner.
CREATE FUNCTION api_timestamp(ts TIMESTAMP) RETURNS TEXT
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- Money as the API writes it: a string with two decimals, rounded half away from zero.
CREATE FUNCTION api_money(amount NUMERIC) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN round(amount, 2)::text;

CREATE VIEW order_details_documents AS
SELECT order_id, user_id, order_status,
       json_build_object(
           'order_id', order_id,
           'user_id', user_id,
           'user_name', user_name,
           'user_email', user_email,
           'user_phone', user_phone,
           'address_id', address_id,
           'full_address', full_address,
           'total', api_money(total),
           'order_date', api_timestamp(order_date),
           'order_status', order_status,
           'last_order_update', api_timestamp(last_order_update),
           'item_count', item_count,
           'items_total', api_money(items_total),
           'order_items_details', order_items_details,
           -- the job stores the items sorted, prices as strings; rows written otherwise are served the same way
           'items', (SELECT coalesce(json_agg(json_build_object(
                               'item_id', (item ->> 'item_id')::BIGINT,
                               'product_name', item ->> 'product_name',
                               'quantity', (item ->> 'quantity')::INTEGER,
                               'price', api_money((item ->> 'price')::NUMERIC),
                               'line_total', api_money((item ->> 'line_total')::NUMERIC))
                           ORDER BY (item ->> 'item_id')::BIGINT), '[]')
                     FROM jsonb_array_elements(items) AS item)) AS document
FROM order_details;

CREATE VIEW orders_documents AS
SELECT order_id, user_id, status,
       json_build_object(
           'order_id', order_id,
           'user_id', user_id,
           'address_id', address_id,
           'total', api_money(total),
           'status', status,
           'order_date', api_timestamp(order_date),
           'updated_at', api_timestamp(updated_at)) AS document
FROM orders;

CREATE VIEW users_documents AS
SELECT user_id,
       json_build_object(
           'user_id', user_id,
           'name', name,
           'email', email,
           'phone', phone,
           'created_at', api_timestamp(created_at),
           'updated_at', api_timestamp(updated_at)) AS document
FROM users;

CREATE VIEW addresses_documents AS
SELECT address_id, user_id,
       json_build_object(
           'address_id', address_id,
           'user_id', user_id,
           'street', street,
           'city', city,
           'state', state,
           'postal_code', postal_code,
           'country', country,
           'created_at', api_timestamp(created_at)) AS document
FROM addresses;
