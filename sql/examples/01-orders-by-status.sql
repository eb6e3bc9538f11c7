-- How many orders are in each status, from the read model in PostgreSQL (a bounded JDBC scan).
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT order_status, COUNT(*) AS orders, SUM(items_total) AS items_total
FROM rm_order_details
GROUP BY order_status
ORDER BY order_status;
