-- Straight from MySQL: a one-off snapshot of the write model through the CDC connector, compared with the read
-- model. 'scan.startup.mode' = 'snapshot' reads the table once and stops; read as append-only, the snapshot (all
-- inserts) runs in batch mode and prints one final row.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT w.orders AS mysql_orders, r.orders AS read_model_orders
FROM (SELECT COUNT(*) AS orders
      FROM shop_orders /*+ OPTIONS('scan.startup.mode' = 'snapshot',
                                   'scan.read-changelog-as-append-only.enabled' = 'true') */) AS w
CROSS JOIN (SELECT COUNT(*) AS orders FROM rm_order_details) AS r;
