-- Versioned rows, so that replays after a restore or a restart can never move a row back.
--
-- row_version: the MySQL binlog position of the newest change the row reflects (for order_details: of the order,
-- its items, its user or its address), encoded as one BIGINT that grows along the binlog. The job applies a row only
-- if its version is not older than the stored one.
-- status_key: order_details' status as epoch milliseconds * 8 + lifecycle stage; a status write only applies when
-- it is greater (the contract: a status never moves back to an older timestamp).
ALTER TABLE users ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE addresses ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE order_details ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE order_details ADD COLUMN status_key BIGINT NOT NULL DEFAULT 0;

-- A deleted row's version: a replayed older upsert of the same row must not bring it back.
CREATE TABLE read_model_tombstones (
    table_name TEXT   NOT NULL,
    id         BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    PRIMARY KEY (table_name, id)
);

-- Rows PostgreSQL refused (a NUL character in a text, a number out of range, ...): the job writes every other row
-- of the batch, records the refused one here with PostgreSQL's reason and counts it (metric readModelRowsRejected).
CREATE TABLE read_model_rejects (
    reject_id   BIGSERIAL   PRIMARY KEY,
    table_name  TEXT        NOT NULL,
    row_id      BIGINT      NOT NULL,
    row_version BIGINT      NOT NULL,
    reason      TEXT        NOT NULL,
    record      TEXT        NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- The job sends timestamps as UTC epoch milliseconds (set-based writes of whole arrays); inlined by the planner.
CREATE FUNCTION epoch_ms_to_timestamp(ms BIGINT) RETURNS TIMESTAMP(3)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN TIMESTAMP '1970-01-01 00:00:00' + ms * INTERVAL '1 millisecond';
