#!/bin/bash
# MySQL init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; the mysql image runs it once, on
# an empty data directory). Creates the shop's accounts (CONTRACT.md) from the environment, i.e. from .env:
#   - the writer ($MYSQL_WRITER_USER): SELECT, INSERT, UPDATE, DELETE on shop.* and nothing else (no DDL);
#   - the CDC user ($MYSQL_CDC_USER): SELECT on shop.* and REPLICATION SLAVE, REPLICATION CLIENT on *.*, the
#     least Flink CDC's incremental snapshot needs (no RELOAD: it takes no global read lock; no SELECT or SHOW
#     DATABASES beyond the shop). It authenticates with mysql_native_password: MySQL 8's default
#     caching_sha2_password needs TLS or RSA key retrieval for a first login, which the CDC binlog client over a
#     plain connection is known to trip over.
# Init .sql files cannot read the environment, hence a shell script. The entrypoint sources *.sh files that are not
# executable: everything runs in a subshell, and a failure stops the initialization.
(
    set -eu

    : "${MYSQL_WRITER_USER:?MYSQL_WRITER_USER is not set}" "${MYSQL_WRITER_PASSWORD:?MYSQL_WRITER_PASSWORD is not set}"
    : "${MYSQL_CDC_USER:?MYSQL_CDC_USER is not set}" "${MYSQL_CDC_PASSWORD:?MYSQL_CDC_PASSWORD is not set}"

    mysql_root() {
        local socket="${SOCKET:-}" defaults rc=0
        if [ -z "$socket" ]; then
            socket="$(mysqld --verbose --help 2>/dev/null | awk '$1 == "socket" { print $2; exit }')"
        fi
        defaults="$(mktemp)"
        chmod 600 "$defaults"
        printf '[client]\npassword="%s"\n' "$(printf '%s' "$MYSQL_ROOT_PASSWORD" | sed 's/\\/\\\\/g')" > "$defaults"
        mysql --defaults-extra-file="$defaults" --protocol=socket --host=localhost ${socket:+--socket="$socket"} \
            --user=root || rc=$?
        rm -f "$defaults"
        return "$rc"
    }

    # a MySQL string literal: backslashes doubled, single quotes doubled
    sql_string() {
        printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"
    }

    writer="$(sql_string "$MYSQL_WRITER_USER")@'%'"
    cdc="$(sql_string "$MYSQL_CDC_USER")@'%'"

    echo "[cqrs-orders] creating MySQL users $MYSQL_WRITER_USER (writer) and $MYSQL_CDC_USER (CDC)"
    mysql_root <<SQL
CREATE USER $writer IDENTIFIED BY $(sql_string "$MYSQL_WRITER_PASSWORD");
GRANT SELECT, INSERT, UPDATE, DELETE ON \`shop\`.* TO $writer;
CREATE USER $cdc IDENTIFIED WITH mysql_native_password BY $(sql_string "$MYSQL_CDC_PASSWORD");
GRANT SELECT ON \`shop\`.* TO $cdc;
GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO $cdc;
SHOW GRANTS FOR $writer;
SHOW GRANTS FOR $cdc;
SQL
)
