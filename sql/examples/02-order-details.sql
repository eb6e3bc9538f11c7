-- The first orders of the read model, as the API serves them.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT order_id, user_name, order_status, last_order_update, item_count, items_total, order_items_details
FROM rm_order_details
ORDER BY order_id
LIMIT 5;
