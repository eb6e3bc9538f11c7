-- When the job last wrote each order_details row, by PostgreSQL's clock (UTC, like every TIMESTAMP here), served as
-- read_model_updated_at (the contract's "Freshness and push"). Rows of earlier versions get the time of this
-- migration (a constant default adds the column without rewriting the table); later writes the time of the write
-- (microseconds, so that successive writes of a row get distinct stamps; the API shows milliseconds).
ALTER TABLE order_details ADD COLUMN read_model_updated_at TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC');
-- the job's writes set the column to DEFAULT: this expression is the one place that says what the time is
ALTER TABLE order_details ALTER COLUMN read_model_updated_at SET DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');

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
           'read_model_updated_at', api_timestamp(read_model_updated_at)) AS document
FROM order_details;
