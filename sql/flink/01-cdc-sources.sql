-- The write model, read from MySQL's binlog by Flink CDC: a consistent snapshot, then every insert, update and
-- delete. Connection options are docker-compose's defaults; the job replaces hostname, port, username and password
-- from its arguments (--mysql-host, --mysql-port, --mysql-cdc-user, --mysql-cdc-password), ./sql-client.sh from
-- the environment. Each table has its own server-id range: MySQL drops a replica whose id another one uses.

-- What the four tables share: the connection. A template for LIKE, with no columns: it is never read itself.
CREATE TABLE shop_mysql WITH (
    'connector' = 'mysql-cdc',
    'hostname' = 'mysql',
    'port' = '3306',
    'username' = 'flink_cdc',
    'password' = 'flink_cdc',
    'database-name' = 'shop',
    'server-time-zone' = 'UTC',
    'jdbc.properties.useSSL' = 'false',
    'jdbc.properties.allowPublicKeyRetrieval' = 'true',
    -- how long Debezium waits before it hands over fewer rows than a batch: its 500 ms default held each snapshot
    -- chunk's last rows that long (a one-off count of 600k order_items 91 s, at 100 ms 36 s); the job's binlog reader
    -- waits 100 ms too (--mysql-poll-interval)
    'debezium.poll.interval.ms' = '100'
);

CREATE TABLE shop_users (
    user_id    BIGINT,
    name       STRING,
    email      STRING,
    phone      STRING,
    created_at TIMESTAMP(3),
    updated_at TIMESTAMP(3),
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'table-name' = 'users',
    'server-id' = '5400-5415'
) LIKE shop_mysql;

CREATE TABLE shop_addresses (
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
    'table-name' = 'addresses',
    'server-id' = '5416-5431'
) LIKE shop_mysql;

CREATE TABLE shop_orders (
    order_id   BIGINT,
    user_id    BIGINT,
    address_id BIGINT,
    total      DECIMAL(12, 2),
    status     STRING,
    order_date TIMESTAMP(3),
    updated_at TIMESTAMP(3),
    PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
    'table-name' = 'orders',
    'server-id' = '5432-5447'
) LIKE shop_mysql;

CREATE TABLE shop_order_items (
    item_id      BIGINT,
    order_id     BIGINT,
    product_name STRING,
    quantity     INT,
    price        DECIMAL(12, 2),
    PRIMARY KEY (item_id) NOT ENFORCED
) WITH (
    'table-name' = 'order_items',
    'server-id' = '5448-5463'
) LIKE shop_mysql;
