#!/bin/bash
# PostgreSQL init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; the postgres image runs it
# once, on an empty data directory, as the image's superuser). Runs read-model-roles.sql — the one definition of the
# read model's roles and grants, which local-servers runs too — with the values from the environment (i.e. from .env):
# the owner $READMODEL_OWNER_USER of database $READMODEL_DATABASE (migrations), the DML-only role
# $READMODEL_WRITER_USER (the Flink job) and the SELECT-only role $READMODEL_API_USER (serving-api).
# Values reach SQL as psql variables (:'x' quotes a literal, :"x" an identifier), never spliced into the text.
# The entrypoint sources *.sh files that are not executable: everything runs in a subshell.
(
    set -eu

    : "${READMODEL_DATABASE:=readmodel}"
    : "${READMODEL_ROLES_SQL:=/opt/cqrs-orders/read-model-roles.sql}"
    : "${READMODEL_OWNER_USER:?READMODEL_OWNER_USER is not set}" "${READMODEL_OWNER_PASSWORD:?READMODEL_OWNER_PASSWORD is not set}"
    : "${READMODEL_WRITER_USER:?READMODEL_WRITER_USER is not set}" "${READMODEL_WRITER_PASSWORD:?READMODEL_WRITER_PASSWORD is not set}"
    : "${READMODEL_API_USER:?READMODEL_API_USER is not set}" "${READMODEL_API_PASSWORD:?READMODEL_API_PASSWORD is not set}"

    echo "[cqrs-orders] creating database $READMODEL_DATABASE (owner $READMODEL_OWNER_USER), DML-only role" \
        "$READMODEL_WRITER_USER and SELECT-only role $READMODEL_API_USER"
    psql --no-psqlrc --set ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
        --set db="$READMODEL_DATABASE" \
        --set owner="$READMODEL_OWNER_USER" --set owner_password="$READMODEL_OWNER_PASSWORD" \
        --set writer="$READMODEL_WRITER_USER" --set writer_password="$READMODEL_WRITER_PASSWORD" \
        --set api="$READMODEL_API_USER" --set api_password="$READMODEL_API_PASSWORD" \
        --file "$READMODEL_ROLES_SQL"
)
