#!/bin/bash
# MySQL init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; the mysql image runs it once, on
# an empty data directory, before 02-users.sh). Applies the repository's schema scripts, the single source of truth
# mounted read-only at $SHOP_SCHEMA_DIR (./sql/mysql), in name order, as root over the entrypoint's unix socket.
# The entrypoint sources *.sh files that are not executable: everything runs in a subshell so that nothing here
# changes the entrypoint's own shell; a failure stops the initialization.
(
    set -eu

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
)
