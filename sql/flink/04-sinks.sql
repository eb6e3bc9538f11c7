-- The read model in PostgreSQL (schema: read-model-schema's Flyway migrations, applied by the job before it starts)
-- and the dead-letter topic. The job replaces url, username and password from --postgres-url, --postgres-user,
-- --postgres-password and the bootstrap servers from --kafka-bootstrap-servers.
-- stringtype=unspecified lets PostgreSQL read the items string as jsonb; reWriteBatchedInserts makes each flushed
-- batch one multi-row statement. Upserts are idempotent, so replays after a failure are harmless.

-- What the four read-model tables share: the connection. A template for LIKE, with no columns: never used itself.
CREATE TABLE read_model_postgres WITH (
    'connector' = 'jdbc',
    'url' = 'jdbc:postgresql://postgres:5432/readmodel?stringtype=unspecified&reWriteBatchedInserts=true',
    'username' = 'readmodel',
    'password' = 'readmodel',
    'sink.buffer-flush.max-rows' = '1000',
    'sink.buffer-flush.interval' = '200ms',
    'sink.max-retries' = '5'
);

CREATE TABLE rm_order_details (
    order_id            BIGINT,
    user_id             BIGINT,
    user_name           STRING,
    user_email          STRING,
    user_phone          STRING,
    address_id          BIGINT,
    full_address        STRING,
    total               DECIMAL(12, 2),
    order_date          TIMESTAMP(3),
    order_status        STRING,
    last_order_update   TIMESTAMP(3),
    item_count          INT,
    items_total         DECIMAL(14, 2),
    order_items_details STRING,
    items               STRING,
    PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
    'table-name' = 'order_details'
) LIKE read_model_postgres;

CREATE TABLE rm_users (
    user_id    BIGINT,
    name       STRING,
    email      STRING,
    phone      STRING,
    created_at TIMESTAMP(3),
    updated_at TIMESTAMP(3),
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'table-name' = 'users'
) LIKE read_model_postgres;

CREATE TABLE rm_addresses (
    address_id  BIGINT,
    user_id     BIGINT,
    street      STRING,
    city        STRING,
    state       STRING,
    postal_code STRING,
    country     STRING,
    created_at  TIMESTAMP(3),
    PRIMARY KEY (address_id) NOT ENFORCED
) WITH (
    'table-name' = 'addresses'
) LIKE read_model_postgres;

CREATE TABLE rm_orders (
    order_id   BIGINT,
    user_id    BIGINT,
    address_id BIGINT,
    total      DECIMAL(12, 2),
    status     STRING,
    order_date TIMESTAMP(3),
    updated_at TIMESTAMP(3),
    PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
    'table-name' = 'orders'
) LIKE read_model_postgres;

-- Invalid order_updates records: the original key and value bytes, the reason and origin in headers
-- (dlq.reason, dlq.topic, dlq.partition, dlq.offset), as Kafka Connect's dead-letter queues do.
CREATE TABLE order_updates_dlq (
    record_key BYTES,
    payload    BYTES,
    headers    MAP<STRING, BYTES> METADATA
) WITH (
    'connector' = 'kafka',
    'topic' = 'order_updates_dlq',
    'properties.bootstrap.servers' = 'kafka:9092',
    'key.format' = 'raw',
    'key.fields' = 'record_key',
    'value.format' = 'raw',
    'value.fields-include' = 'EXCEPT_KEY',
    -- the job commits its dead letters with its checkpoints: read only committed ones
    'properties.isolation.level' = 'read_committed',
    'sink.delivery-guarantee' = 'at-least-once'
);
