-- How far the read model has applied each source (the contract's "Freshness and push"): each of the job's writers
-- records, in the same transaction as the rows it writes, the newest source position whose effect those rows
-- contain. order_updates: per partition, the offset of the newest applied record and its Kafka timestamp. The shop's
-- tables (source 'shop.<table>', part 0): the newest applied change's binlog version (the rows' row_version) and its
-- binlog time (MySQL stores seconds). A position only moves forward; applied_at is when it last did.
CREATE TABLE read_model_progress (
    source      TEXT         NOT NULL,
    part        INTEGER      NOT NULL,
    -- the job's writer that applied it (operator and subtask): writers run in parallel, each its own row
    writer      TEXT         NOT NULL,
    position    BIGINT       NOT NULL,
    source_time TIMESTAMP(3),
    applied_at  TIMESTAMP(6) NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'),
    PRIMARY KEY (source, part, writer)
);
