#!/usr/bin/env bash
# seed-data (docker-compose.yml): demo data for the compose stack, with the seed-data CLI (seed-data/README.md).
#   1. `schema`  as root (MYSQL_ADMIN_USER/MYSQL_ADMIN_PASSWORD): the shop schema, idempotent (IF NOT EXISTS);
#   2. `seed --users $SEED_USERS --orders $SEED_ORDERS` as the writer (MYSQL_USER/MYSQL_PASSWORD), once: `seed`
#      appends after the current maximum ids, so a marker in $SEED_STATE_DIR (the seed-state volume) keeps the next
#      `docker compose up` from adding a second batch (`docker compose down -v` removes it with the data);
#   3. when SEED_EVENTS_DURATION is set (e.g. 30m, 1h): `events --rate $SEED_EVENTS_RATE --duration ...` plus
#      $SEED_EVENTS_ARGS (e.g. "--out-of-order 0.05 --duplicates 0.02 --malformed 0.01") to order_updates.
# The CLI reads MYSQL_HOST, MYSQL_PORT and KAFKA_BOOTSTRAP_SERVERS from the environment as well.
set -euo pipefail

jar="${SEED_DATA_JAR:-/opt/cqrs-orders/seed-data/seed-data.jar}"
state_dir="${SEED_STATE_DIR:-/var/lib/cqrs-orders-seed}"
marker="$state_dir/seeded"

[ -f "$jar" ] || { echo "seed-data: no jar at $jar: build it first (mvn -B package -DskipTests)" >&2; exit 1; }

seed_data() {
    echo "seed-data: $1"
    java -jar "$jar" "$@"
}

seed_data schema

if [ -e "$marker" ]; then
    echo "seed-data: demo data already inserted ($(cat "$marker")); not seeding again"
else
    seed_data seed --users "${SEED_USERS:-1000}" --orders "${SEED_ORDERS:-10000}"
    mkdir -p "$state_dir"
    echo "users=${SEED_USERS:-1000} orders=${SEED_ORDERS:-10000} at $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$marker"
fi

if [ -n "${SEED_EVENTS_DURATION:-}" ]; then
    set -f
    # shellcheck disable=SC2086 # SEED_EVENTS_ARGS is a list of options, split on whitespace on purpose
    seed_data events --rate "${SEED_EVENTS_RATE:-20}" --duration "$SEED_EVENTS_DURATION" ${SEED_EVENTS_ARGS:-}
fi
echo "seed-data: done"
