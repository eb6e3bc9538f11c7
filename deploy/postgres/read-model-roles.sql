-- The read model's roles and grants: the one definition, used by docker-compose (01-roles.sh runs it with psql) and
-- by local-servers (which gives the same variables to the same text). Values are psql variables: :'x' a quoted
-- literal, :"x" a quoted identifier, never spliced in by hand. Run as a superuser, on the database `postgres`.
--   owner  - owns the database and its schema; only the Flyway migrations run as this role
--   writer - the Flink job: reads and writes rows (SELECT, INSERT, UPDATE, DELETE), no DDL, no TRUNCATE
--   api    - serving-api: SELECT only, read-only transactions by default
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE :"writer" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'writer_password';
CREATE ROLE :"api" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'api_password';
ALTER ROLE :"api" SET default_transaction_read_only = on;
CREATE DATABASE :"db" OWNER :"owner";

-- everything below is per database (local-servers's tests create several read-model databases)
\connect :"db"
-- no TEMP, no CONNECT for anyone else
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"writer", :"api";
-- the owner owns the schema the migrations write to (PostgreSQL 15+ already gives it to the database owner)
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"writer", :"api";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"writer";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"writer";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"api";
-- the same for every table the migrations create later
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"writer";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE ON SEQUENCES TO :"writer";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO :"api";
