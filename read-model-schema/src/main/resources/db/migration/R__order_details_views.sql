-- The order_details views as they are now (Flyway re-applies this file whenever it changes, after the versioned
-- migrations): the API's documents (V3's, with read_model_updated_at from V4 and, as a last column, the write's
-- number from V5), and the change feed serving-api streams: documents of rows written after a number, and deletions.
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

-- user_id and order_status let a stream filter without parsing the document; a deletion knows neither
CREATE OR REPLACE VIEW order_details_changes AS
SELECT order_id, change_seq, document::text AS document, user_id, order_status FROM order_details_documents
UNION ALL
SELECT id AS order_id, change_seq, NULL AS document, NULL AS user_id, NULL AS order_status
FROM read_model_tombstones WHERE table_name = 'order_details';
