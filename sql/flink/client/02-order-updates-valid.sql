-- SQL client only (the job does this as a DataStream step with exact metrics): order_updates_raw checked against
-- the contract by the same parser, as the two views the rest of the SQL expects.

CREATE TEMPORARY VIEW order_updates_checked AS
SELECT record_key, payload, kafka_partition, kafka_offset, parse_order_update(record_key, payload, kafka_timestamp) AS e
FROM order_updates_raw;

CREATE TEMPORARY VIEW order_updates_valid AS
SELECT e.event_id, e.order_id, e.status, e.source, e.event_time
FROM order_updates_checked
WHERE e.error IS NULL;

CREATE TEMPORARY VIEW order_updates_invalid AS
SELECT record_key, payload,
       MAP['dlq.reason', CAST(e.error AS BYTES),
           'dlq.topic', CAST('order_updates' AS BYTES),
           'dlq.partition', CAST(CAST(kafka_partition AS STRING) AS BYTES),
           'dlq.offset', CAST(CAST(kafka_offset AS STRING) AS BYTES)] AS headers
FROM order_updates_checked
WHERE e.error IS NOT NULL;
