-- The order_details change feed serving-api streams (Server-Sent Events): every write of a row, and every deletion,
-- takes the next number of one sequence, so "what changed after N" is a range of change_seq. The job sets
-- change_seq = DEFAULT in its statements (no row trigger on the write path); a deletion's number is its tombstone's.
-- One notification per statement tells serving-api to look (its single listener then reads the range).
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

-- the documents with their number (a new last column), and the feed as serving-api reads it: documents of rows
-- written after a number, and deletions after it
CREATE OR REPLACE VIEW order_details_documents AS
SELECT order_id, user_id, order_status,
       json_build_object(
           'order_id', order_id,
           'user_id', user_id,
           'user_name', user_name,
           'user_email', user_email,
           'user_phone', user_phone,
           'address_id', address_id,
           'full_address', full_address,
           'total', api_money(total),
           'order_date', api_timestamp(order_date),
           'order_status', order_status,
           'last_order_update', api_timestamp(last_order_update),
           'item_count', item_count,
           'items_total', api_money(items_total),
           'order_items_details', order_items_details,
           -- the job stores the items sorted, prices as strings; rows written otherwise are served the same way
           'items', (SELECT coalesce(json_agg(json_build_object(
                               'item_id', (item ->> 'item_id')::BIGINT,
                               'product_name', item ->> 'product_name',
                               'quantity', (item ->> 'quantity')::INTEGER,
                               'price', api_money((item ->> 'price')::NUMERIC),
                               'line_total', api_money((item ->> 'line_total')::NUMERIC))
                           ORDER BY (item ->> 'item_id')::BIGINT), '[]')
                     FROM jsonb_array_elements(items) AS item),
           'read_model_updated_at', api_timestamp(read_model_updated_at)) AS document,
       change_seq
FROM order_details;

CREATE VIEW order_details_changes AS
SELECT order_id, change_seq, document::text AS document FROM order_details_documents
UNION ALL
SELECT id AS order_id, change_seq, NULL AS document FROM read_model_tombstones WHERE table_name = 'order_details';
