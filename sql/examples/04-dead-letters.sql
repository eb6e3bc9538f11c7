-- The dead-letter topic: what was rejected and why (reads what is there now and stops).
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

SELECT CAST(headers['dlq.reason'] AS STRING) AS reason, COUNT(*) AS records
FROM order_updates_dlq /*+ OPTIONS('scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
                                   'properties.group.id' = 'sql-client-examples') */
GROUP BY CAST(headers['dlq.reason'] AS STRING)
ORDER BY records DESC;
