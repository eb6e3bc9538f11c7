-- When the job last wrote each order_details row, by PostgreSQL's clock (UTC, like every TIMESTAMP here), served as
-- read_model_updated_at (the contract's "Freshness and push"). Rows of earlier versions get the time of this
-- migration (a constant default adds the column without rewriting the table); later writes the time of the write
-- (microseconds, so that successive writes of a row get distinct stamps; the API shows milliseconds).
ALTER TABLE order_details ADD COLUMN read_model_updated_at TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC');
-- the job's writes set the column to DEFAULT: this expression is the one place that says what the time is
-- (the documents show it: R__order_details_views.sql)
ALTER TABLE order_details ALTER COLUMN read_model_updated_at SET DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
