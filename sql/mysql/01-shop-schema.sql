-- The write model: MySQL database `shop` (CONTRACT.md). The single source of truth for the schema:
-- `seed-data schema` runs this file, and docker-compose's MySQL runs it at its first start (deploy/mysql/init-shop.sh).
-- All DATETIME values are UTC. There are no foreign keys on purpose: cascaded deletes are not written to the
-- binlog as row events, so a CDC reader would never see them; the order service deletes items explicitly.

CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE shop;

CREATE TABLE IF NOT EXISTS users (
    user_id    BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(255) NOT NULL,
    email      VARCHAR(255) NOT NULL,
    phone      VARCHAR(64)  NULL,
    created_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (user_id),
    UNIQUE KEY users_email (email)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS addresses (
    address_id  BIGINT       NOT NULL AUTO_INCREMENT,
    user_id     BIGINT       NOT NULL,
    street      VARCHAR(255) NOT NULL,
    city        VARCHAR(128) NOT NULL,
    state       VARCHAR(128) NOT NULL,
    postal_code VARCHAR(32)  NOT NULL,
    country     VARCHAR(128) NOT NULL,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (address_id),
    KEY addresses_user (user_id)
) ENGINE = InnoDB;

-- `status`/`updated_at` are the order service's own status and when it set it; `updated_at` deliberately has no
-- ON UPDATE clause: changing e.g. the total must not make the order's own (older) status look newer.
CREATE TABLE IF NOT EXISTS orders (
    order_id   BIGINT        NOT NULL AUTO_INCREMENT,
    user_id    BIGINT        NOT NULL,
    address_id BIGINT        NULL,
    total      DECIMAL(12,2) NOT NULL,
    status     VARCHAR(32)   NOT NULL DEFAULT 'created',
    order_date DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (order_id),
    KEY orders_user (user_id),
    KEY orders_address (address_id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS order_items (
    item_id      BIGINT        NOT NULL AUTO_INCREMENT,
    order_id     BIGINT        NOT NULL,
    product_name VARCHAR(255)  NOT NULL,
    quantity     INT           NOT NULL,
    price        DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (item_id),
    KEY order_items_order (order_id)
) ENGINE = InnoDB;
