-- The order_updates topic as raw bytes: nothing a producer writes can fail the source. Each record is checked
-- against the contract afterwards; invalid ones go to order_updates_dlq with their original bytes.
-- Read from the earliest offset: a job started without state rebuilds every order's status from the whole topic,
-- so the topic's retention must keep every event (see README, Operations).

CREATE TABLE order_updates_raw (
    record_key      BYTES,
    payload         BYTES,
    kafka_partition INT    METADATA FROM 'partition' VIRTUAL,
    kafka_offset    BIGINT METADATA FROM 'offset' VIRTUAL,
    kafka_timestamp TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
    'connector' = 'kafka',
    'topic' = 'order_updates',
    'properties.bootstrap.servers' = 'kafka:9092',
    'properties.group.id' = 'cqrs-orders-order-details',
    'scan.startup.mode' = 'earliest-offset',
    'key.format' = 'raw',
    'key.fields' = 'record_key',
    'value.format' = 'raw',
    'value.fields-include' = 'EXCEPT_KEY'
);
