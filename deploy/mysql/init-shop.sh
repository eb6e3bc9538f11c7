#!/bin/bash
# MySQL init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; the mysql image runs it once, on
# an empty data directory), as root over the entrypoint's unix socket:
# 1. the repository's schema scripts, the single source of truth mounted read-only at $SHOP_SCHEMA_DIR (./sql/mysql),
#    in name order;
# 2. the shop's accounts (CONTRACT.md) with shop-users.sql — the one definition of the MySQL accounts and grants, which
#    local-servers runs too — given the values from the environment (i.e. from .env): the writer $MYSQL_WRITER_USER
#    and the CDC user $MYSQL_CDC_USER. Values reach SQL as user variables set from quoted literals; the SQL quotes
#    them again where it builds a statement.
# The entrypoint sources *.sh files that are not executable: everything runs in a subshell so that nothing here
# changes the entrypoint's own shell; a failure stops the initialization.
(
    set -eu

    : "${MYSQL_WRITER_USER:?MYSQL_WRITER_USER is not set}" "${MYSQL_WRITER_PASSWORD:?MYSQL_WRITER_PASSWORD is not set}"
    : "${MYSQL_CDC_USER:?MYSQL_CDC_USER is not set}" "${MYSQL_CDC_PASSWORD:?MYSQL_CDC_PASSWORD is not set}"

    mysql_root() {
        local socket="${SOCKET:-}" defaults rc=0
        if [ -z "$socket" ]; then
            socket="$(mysqld --verbose --help 2>/dev/null | awk '$1 == "socket" { print $2; exit }')"
        fi
        # the root password goes through a private option file, not the command line
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

    dir="${SHOP_SCHEMA_DIR:-/opt/cqrs-orders/sql/mysql}"
    applied=0
    for script in "$dir"/*.sql; do
        [ -e "$script" ] || continue
        echo "[cqrs-orders] applying $script"
        mysql_root < "$script"
        applied=$((applied + 1))
    done
    if [ "$applied" -eq 0 ]; then
        echo "[cqrs-orders] no schema scripts (*.sql) in $dir: is ./sql/mysql mounted?" >&2
        exit 1
    fi
    echo "[cqrs-orders] shop schema: $applied script(s) applied"

    : "${SHOP_USERS_SQL:=/opt/cqrs-orders/shop-users.sql}"

    echo "[cqrs-orders] creating MySQL users $MYSQL_WRITER_USER (writer) and $MYSQL_CDC_USER (CDC)"
    {
        printf "SET @database = 'shop';\n"
        printf 'SET @writer_user = %s, @writer_password = %s;\n' \
            "$(sql_string "$MYSQL_WRITER_USER")" "$(sql_string "$MYSQL_WRITER_PASSWORD")"
        printf 'SET @cdc_user = %s, @cdc_password = %s;\n' \
            "$(sql_string "$MYSQL_CDC_USER")" "$(sql_string "$MYSQL_CDC_PASSWORD")"
        cat "$SHOP_USERS_SQL"
        for account in "$MYSQL_WRITER_USER" "$MYSQL_CDC_USER"; do
            printf "SHOW GRANTS FOR %s@'%%';\n" "$(sql_string "$account")"
        done
    } | mysql_root
)
