-- Live: orders per status as the job computes them (the CDC tables and the valid order_updates, through the views
-- of sql/flink/03-views.sql), one changelog row per change: -U/+U when an order moves to another status. Leave it
-- open and change a row in MySQL or send an event; Ctrl-C ends it.
SET 'execution.runtime-mode' = 'streaming';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT order_status, COUNT(*) AS orders
FROM order_details_view
GROUP BY order_status;
