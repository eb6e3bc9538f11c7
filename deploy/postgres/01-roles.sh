#!/bin/bash
# PostgreSQL init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; the postgres image runs it
# once, on an empty data directory, as the image's superuser). Creates, from the environment (i.e. from .env):
#   - the owner role $READMODEL_OWNER_USER (login, not a superuser) and the database $READMODEL_DATABASE it owns,
#     with its public schema: the Flink job migrates the schema (Flyway) and writes the read model as this role;
#   - the API role $READMODEL_API_USER (login), which may connect and SELECT, nothing else: USAGE on the schema,
#     SELECT on its tables, including every table the owner creates later (ALTER DEFAULT PRIVILEGES FOR ROLE owner).
# Values reach SQL as psql variables (:'x' quotes a literal, :"x" an identifier), never spliced into the text.
# The entrypoint sources *.sh files that are not executable: everything runs in a subshell.
(
    set -eu

    : "${READMODEL_DATABASE:=readmodel}"
    : "${READMODEL_OWNER_USER:?READMODEL_OWNER_USER is not set}" "${READMODEL_OWNER_PASSWORD:?READMODEL_OWNER_PASSWORD is not set}"
    : "${READMODEL_API_USER:?READMODEL_API_USER is not set}" "${READMODEL_API_PASSWORD:?READMODEL_API_PASSWORD is not set}"

    echo "[cqrs-orders] creating database $READMODEL_DATABASE (owner $READMODEL_OWNER_USER) and SELECT-only role $READMODEL_API_USER"
    psql --no-psqlrc --set ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
        --set db="$READMODEL_DATABASE" \
        --set owner="$READMODEL_OWNER_USER" --set owner_password="$READMODEL_OWNER_PASSWORD" \
        --set api="$READMODEL_API_USER" --set api_password="$READMODEL_API_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE :"api" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'api_password';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"api";

\connect :"db"
-- the owner owns the schema the migrations write to (PostgreSQL 15+ already gives it to the database owner)
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"api";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"api";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO :"api";
SQL
)
