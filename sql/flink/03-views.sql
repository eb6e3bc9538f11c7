-- The business query, free of connector options: a test feeds the same views from in-memory tables.
-- Inputs: shop_users, shop_addresses, shop_orders, shop_order_items (changelogs) and order_updates_valid
-- (event_id, order_id, status, source, event_time: append-only, already checked against the contract).

-- Latest status per order by event time, among the order's own (status, updated_at) and every valid event.
-- status_key orders by timestamp, then lifecycle stage, so MAX() is exactly the contract's rule: duplicates, late
-- and out-of-order events cannot change a maximum the wrong way. Events only ever add candidates; the order's own
-- candidate is replaced when the order service changes its row. Events for orders that do not exist (yet) wait
-- here until their order arrives.
CREATE TEMPORARY VIEW order_latest_status AS
SELECT order_id, MAX(status_key) AS status_key
FROM (
    SELECT order_id, status_key(status, event_time) AS status_key FROM order_updates_valid
    UNION ALL
    SELECT order_id, status_key(status, updated_at) AS status_key FROM shop_orders
)
GROUP BY order_id;

-- Every order's items in item_id order; retractions (item updates and deletes) keep the order deterministic.
CREATE TEMPORARY VIEW order_items_summary AS
SELECT order_id, items_agg(item_id, product_name, quantity, price) AS items
FROM shop_order_items
GROUP BY order_id;

-- One row per existing order. The joins go by order_id first, then to the dimensions, so a user or address change
-- re-renders exactly the orders that reference it.
CREATE TEMPORARY VIEW order_details_view AS
SELECT
    o.order_id,
    o.user_id,
    u.name  AS user_name,
    u.email AS user_email,
    u.phone AS user_phone,
    o.address_id,
    CASE WHEN a.address_id IS NULL THEN CAST(NULL AS STRING)
         ELSE CONCAT_WS(', ', a.street, a.city, a.state, a.postal_code, a.country) END AS full_address,
    o.total,
    o.order_date,
    status_of(s.status_key)      AS order_status,
    status_time_of(s.status_key) AS last_order_update,
    COALESCE(i.items.item_count, 0)                         AS item_count,
    COALESCE(i.items.items_total, CAST(0 AS DECIMAL(14, 2))) AS items_total,
    COALESCE(i.items.details, '')                           AS order_items_details,
    COALESCE(i.items.items_json, '[]')                      AS items
FROM shop_orders AS o
JOIN order_latest_status AS s ON s.order_id = o.order_id
LEFT JOIN order_items_summary AS i ON i.order_id = o.order_id
LEFT JOIN shop_users AS u ON u.user_id = o.user_id
LEFT JOIN shop_addresses AS a ON a.address_id = o.address_id;
