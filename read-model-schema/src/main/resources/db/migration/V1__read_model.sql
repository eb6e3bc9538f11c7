-- The read model in PostgreSQL (CONTRACT.md "Read model"). Written only by the Flink job (as the owner role);
-- serving-api reads it as a SELECT-only role. Timestamps are UTC (TIMESTAMP without time zone, like MySQL DATETIME).

-- Projections of the write model, one row per MySQL row.
CREATE TABLE users (
    user_id    BIGINT       PRIMARY KEY,
    name       TEXT         NOT NULL,
    email      TEXT         NOT NULL,
    phone      TEXT,
    created_at TIMESTAMP(3) NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL
);

CREATE TABLE addresses (
    address_id  BIGINT       PRIMARY KEY,
    user_id     BIGINT       NOT NULL,
    street      TEXT         NOT NULL,
    city        TEXT         NOT NULL,
    state       TEXT         NOT NULL,
    postal_code TEXT         NOT NULL,
    country     TEXT         NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL
);
CREATE INDEX addresses_user_id ON addresses (user_id, address_id);

CREATE TABLE orders (
    order_id   BIGINT        PRIMARY KEY,
    user_id    BIGINT        NOT NULL,
    address_id BIGINT,
    total      NUMERIC(12,2) NOT NULL,
    status     TEXT          NOT NULL,
    order_date TIMESTAMP(3)  NOT NULL,
    updated_at TIMESTAMP(3)  NOT NULL
);
CREATE INDEX orders_user_id ON orders (user_id, order_id);
CREATE INDEX orders_status ON orders (status, order_id);

-- One denormalized row per existing order. user_* and full_address are NULL when the user or address row does not
-- exist (yet). order_status/last_order_update follow the contract's status rule across the order's own status and
-- the order_updates events. items holds [{item_id, product_name, quantity, price, line_total}] in item_id order,
-- money as strings with two decimals; order_items_details renders the same items as text.
CREATE TABLE order_details (
    order_id            BIGINT        PRIMARY KEY,
    user_id             BIGINT        NOT NULL,
    user_name           TEXT,
    user_email          TEXT,
    user_phone          TEXT,
    address_id          BIGINT,
    full_address        TEXT,
    total               NUMERIC(12,2) NOT NULL,
    order_date          TIMESTAMP(3)  NOT NULL,
    order_status        TEXT          NOT NULL,
    last_order_update   TIMESTAMP(3)  NOT NULL,
    item_count          INTEGER       NOT NULL,
    items_total         NUMERIC(14,2) NOT NULL,
    order_items_details TEXT          NOT NULL,
    items               JSONB         NOT NULL
);
CREATE INDEX order_details_status ON order_details (order_status, order_id);
CREATE INDEX order_details_user_id ON order_details (user_id, order_id);
