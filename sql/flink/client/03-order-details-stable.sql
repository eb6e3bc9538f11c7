-- SQL client only: in the job, order_details_stable is order_details_view after the stabilizer (a DataStream step
-- that keeps a changelog's transient versions out of PostgreSQL). Here it is the view itself.

CREATE TEMPORARY VIEW order_details_stable AS
SELECT * FROM order_details_view;
