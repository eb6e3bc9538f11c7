#!/usr/bin/env bash
# Flink's SQL client inside the jobmanager container, with the job's catalog loaded from the repository's sql/flink
# files (mounted read-only at /opt/cqrs-orders/sql) and the job jar (UDFs and connectors) on its classpath:
#   docker compose exec -u flink jobmanager /opt/cqrs-orders/sql-client.sh
#   docker compose exec -u flink jobmanager /opt/cqrs-orders/sql-client.sh -f /opt/cqrs-orders/sql/examples/01-orders-by-status.sql
# The compose counterpart of ./sql-client.sh (launcher SqlClientLauncher; keep the file list in step with its
# CATALOG_FILES). Like it, each CDC table gets a server-id range of its own (MySQL disconnects a second binlog
# reader that uses the job's ids), the order_updates source its own consumer group, and the read-model tables are
# read as the SELECT-only API role. Credentials come from the container's environment (.env via compose).
# Extra arguments go to bin/sql-client.sh.
set -euo pipefail

sql_dir="${CQRS_SQL_DIR:-/opt/cqrs-orders/sql/flink}"
job_jar="${JOB_JAR:-/opt/cqrs-orders/lib/cqrs-orders-flink-job.jar}"
[ -f "$job_jar" ] || { echo "sql-client: no job jar at $job_jar (mvn -B package -DskipTests)" >&2; exit 1; }

catalog_files=(00-functions.sql 01-cdc-sources.sql 02-order-updates-source.sql client/02-order-updates-valid.sql
    03-views.sql 04-sinks.sql)

# a Flink SQL string literal
lit() { printf "'%s'" "${1//\'/\'\'}"; }

init="$(mktemp /tmp/cqrs-orders-sql-init.XXXXXX)"
trap 'rm -f "$init"' EXIT
chmod 600 "$init"
{
    echo "SET 'sql-client.execution.result-mode' = 'tableau';"
    # a streaming query of the CDC tables switches to the binlog at a checkpoint
    echo "SET 'execution.checkpointing.interval' = '2 s';"
    base=$((6000 + RANDOM % 500 * 100))
    for file in "${catalog_files[@]}"; do
        printf '\n-- %s\n' "$file"
        cat "$sql_dir/$file"
        echo
        case "$file" in
            01-cdc-sources.sql)
                i=0
                for table in shop_users shop_addresses shop_orders shop_order_items; do
                    echo "ALTER TABLE $table SET ('username' = $(lit "${MYSQL_CDC_USER:-flink_cdc}"), 'password' = $(lit "${MYSQL_CDC_PASSWORD:-}"), 'server-id' = '$((base + i * 10))-$((base + i * 10 + 9))');"
                    i=$((i + 1))
                done
                ;;
            02-order-updates-source.sql)
                echo "ALTER TABLE order_updates_raw SET ('properties.group.id' = 'cqrs-orders-sql-client');"
                ;;
            04-sinks.sql)
                for table in rm_order_details rm_users rm_addresses rm_orders; do
                    echo "ALTER TABLE $table SET ('username' = $(lit "${READMODEL_API_USER:-readmodel_api}"), 'password' = $(lit "${READMODEL_API_PASSWORD:-}"));"
                done
                ;;
        esac
    done
    # after the views (a batch session refuses views over unbounded tables): a query of the read model prints its
    # final answer; SET 'execution.runtime-mode' = 'streaming'; watches the CDC tables and views change
    echo "SET 'execution.runtime-mode' = 'batch';"
} > "$init"

status=0
/opt/flink/bin/sql-client.sh embedded -i "$init" -j "$job_jar" "$@" || status=$?
exit "$status"
