-- Everything the job writes, as one statement set (one Flink job).
-- order_details_stable is order_details_view after the job's stabilizer, which keeps a changelog's transient
-- delete-then-insert of the same order from ever reaching PostgreSQL; order_updates_invalid holds the records that
-- failed the contract check. (In the SQL client both are plain views: sql/flink/client/job-glue.sql.)

EXECUTE STATEMENT SET
BEGIN
    INSERT INTO rm_users
    SELECT user_id, name, email, phone, created_at, updated_at FROM shop_users;

    INSERT INTO rm_addresses
    SELECT address_id, user_id, street, city, state, postal_code, country, created_at FROM shop_addresses;

    INSERT INTO rm_orders
    SELECT order_id, user_id, address_id, total, status, order_date, updated_at FROM shop_orders;

    INSERT INTO rm_order_details
    SELECT * FROM order_details_stable;

    INSERT INTO order_updates_dlq
    SELECT record_key, payload, headers FROM order_updates_invalid;
END;
