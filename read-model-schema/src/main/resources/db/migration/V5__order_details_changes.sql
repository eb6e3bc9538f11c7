-- The order_details change feed serving-api streams (Server-Sent Events): every write of a row, and every deletion,
-- takes the next number of one sequence, so "what changed after N" is a range of change_seq. The job sets
-- change_seq = DEFAULT in its statements (no row trigger on the write path); a deletion's number is its tombstone's.
-- One notification per statement tells serving-api to look (its single listener then reads the range). The views
-- that read the feed: R__order_details_views.sql.
CREATE SEQUENCE order_details_change_seq;

ALTER TABLE order_details ADD COLUMN change_seq BIGINT NOT NULL DEFAULT nextval('order_details_change_seq');
CREATE INDEX order_details_by_change_seq ON order_details (change_seq);

ALTER TABLE read_model_tombstones ADD COLUMN change_seq BIGINT NOT NULL DEFAULT nextval('order_details_change_seq');
CREATE INDEX read_model_tombstones_by_change_seq ON read_model_tombstones (change_seq);

CREATE FUNCTION notify_order_details_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('order_details_changed', '');
    RETURN NULL;
END $$;

CREATE TRIGGER order_details_changed AFTER INSERT OR UPDATE OR DELETE ON order_details
    FOR EACH STATEMENT EXECUTE FUNCTION notify_order_details_changed();
CREATE TRIGGER order_details_deleted AFTER INSERT OR UPDATE ON read_model_tombstones
    FOR EACH STATEMENT EXECUTE FUNCTION notify_order_details_changed();
