-- User-defined functions of the read model (classes in the flink-job jar). In the SQL client they resolve because
-- ./sql-client.sh puts the job jar on its classpath.

-- status_key(status, at): one BIGINT ordering statuses by timestamp, then by lifecycle stage, so the contract's status
-- rule is a plain MAX(); status_of / status_time_of decode it.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS status_key AS 'dev.cqrsorders.job.functions.StatusKey' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS status_of AS 'dev.cqrsorders.job.functions.StatusOf' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS status_time_of AS 'dev.cqrsorders.job.functions.StatusTimeOf' LANGUAGE JAVA;

-- items_agg(item_id, product_name, quantity, price): an order's items in item_id order, as the count, the sum of the
-- line totals, the "Product (Qty: 9, Price: 77.11, Total: 693.99); ..." text and a JSON array. Handles retractions.
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS items_agg AS 'dev.cqrsorders.job.functions.ItemsAgg' LANGUAGE JAVA;

-- parse_order_update(record_key, payload, kafka_timestamp): an order_updates record checked against the contract (its
-- key, if any, the order id; its event_time at most a day after the record's timestamp): the event's fields, or
-- `error` saying why the record is invalid. The job runs the same check as a DataStream step (exact DLQ metrics).
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS parse_order_update AS 'dev.cqrsorders.job.functions.ParseOrderUpdate' LANGUAGE JAVA;
