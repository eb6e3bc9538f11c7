#!/bin/sh
# job-submit (docker-compose.yml): submits the read-model job to the Flink session cluster through the job manager's
# REST API, the way the dashboard's "Submit New Job" page does:
#   1. POST /jars/upload        multipart field `jarfile`     -> {"filename": ".../<jar id>", "status": "success"}
#   2. POST /jars/<jar id>/run  {"entryClass", "parallelism", "programArgsList", "savepointPath",
#                                "allowNonRestoredState"}      -> {"jobid": "..."}
# The job's main runs inside the job manager: it migrates the PostgreSQL schema (as the owner role), builds the
# pipeline and submits it without waiting. This script then waits until the job is RUNNING.
# Idempotent enough for `docker compose up`: when a job with the same name is already running (or starting,
# restarting), nothing is submitted. Arguments go as programArgsList (one JSON string each), so passwords with
# spaces or quotes arrive intact; the dashboard's whitespace-split programArgs string would not keep them.
#
# Environment (docker-compose.yml sets it from .env):
#   FLINK_REST_URL, JOB_JAR, JOB_ENTRY_CLASS, JOB_NAME, JOB_PARALLELISM, JOB_WAIT_SECONDS (default 180)
#   JOB_SAVEPOINT_PATH   empty: start without state; a path as the job manager sees it: restore that savepoint or
#                        retained checkpoint; "latest": the newest retained checkpoint under FLINK_STATE_DIR
#   JOB_ALLOW_NON_RESTORED_STATE  true to skip state the new job graph no longer has (default false)
#   JOB_EXTRA_ARGS       further program arguments, split on whitespace (e.g. "--checkpoint-interval 30s")
#   MYSQL_HOST, MYSQL_PORT, MYSQL_CDC_USER, MYSQL_CDC_PASSWORD, KAFKA_BOOTSTRAP_SERVERS,
#   POSTGRES_URL, READMODEL_WRITER_USER/_PASSWORD (writes), READMODEL_OWNER_USER/_PASSWORD (migrations only)
#                                                                   -> the job's --mysql-*, --kafka-*, --postgres-*
# Runs in curlimages/curl: POSIX sh, BusyBox tools, curl; no jq.
set -eu

FLINK_REST_URL="${FLINK_REST_URL:-http://jobmanager:8081}"
JOB_JAR="${JOB_JAR:-/opt/cqrs-orders/lib/cqrs-orders-flink-job.jar}"
JOB_ENTRY_CLASS="${JOB_ENTRY_CLASS:-dev.cqrsorders.job.OrderDetailsJob}"
JOB_NAME="${JOB_NAME:-cqrs-orders: order_details read model}"
JOB_PARALLELISM="${JOB_PARALLELISM:-2}"
JOB_SAVEPOINT_PATH="${JOB_SAVEPOINT_PATH:-}"
JOB_ALLOW_NON_RESTORED_STATE="${JOB_ALLOW_NON_RESTORED_STATE:-false}"
JOB_EXTRA_ARGS="${JOB_EXTRA_ARGS:-}"
JOB_WAIT_SECONDS="${JOB_WAIT_SECONDS:-180}"
FLINK_STATE_DIR="${FLINK_STATE_DIR:-/opt/flink/state}"

log() { printf 'job-submit: %s\n' "$*"; }
fail() { printf 'job-submit: %s\n' "$*" >&2; exit 1; }

: "${MYSQL_CDC_PASSWORD:?MYSQL_CDC_PASSWORD is not set}"
: "${READMODEL_OWNER_PASSWORD:?READMODEL_OWNER_PASSWORD is not set}"
: "${READMODEL_WRITER_PASSWORD:?READMODEL_WRITER_PASSWORD is not set}"
[ -f "$JOB_JAR" ] || fail "no job jar at $JOB_JAR: build it first (mvn -B package -DskipTests)"
case "$JOB_PARALLELISM" in '' | *[!0-9]*) fail "JOB_PARALLELISM must be a number, not '$JOB_PARALLELISM'" ;; esac
case "$JOB_ALLOW_NON_RESTORED_STATE" in true | false) ;; *) fail "JOB_ALLOW_NON_RESTORED_STATE must be true or false" ;; esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# json_string VALUE: VALUE as a JSON string literal (backslashes, quotes and tabs escaped)
json_string() {
    printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g')"
}

# request METHOD PATH [curl args...]: the response body in $tmp/body, the HTTP status in $status
request() {
    method="$1" path="$2"
    shift 2
    status="$(curl -sS -o "$tmp/body" -w '%{http_code}' -X "$method" "$@" "$FLINK_REST_URL$path")" || status=000
}

field() { # field NAME < object: the value of a top-level string field
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# 1. the job manager answers (depends_on waits for its healthcheck; retry anyway when run on its own)
waited=0
until request GET /overview && [ "$status" = 200 ]; do
    [ "$waited" -lt 120 ] || fail "no Flink REST API at $FLINK_REST_URL"
    sleep 2
    waited=$((waited + 2))
done

# 2. already running? GET /jobs/overview is {"jobs":[{"jid":..,"name":..,..,"state":..,..},..]}: one line per job
request GET /jobs/overview
[ "$status" = 200 ] || fail "GET /jobs/overview answered $status: $(cat "$tmp/body")"
active="$(sed 's/{"jid"/\
{"jid"/g' "$tmp/body" | grep -F "\"name\":$(json_string "$JOB_NAME")," \
    | grep -E '"state":"(INITIALIZING|CREATED|RUNNING|RESTARTING|FAILING|CANCELLING|RECONCILING|SUSPENDED)"' || true)"
if [ -n "$active" ]; then
    log "'$JOB_NAME' is already submitted ($(printf '%s\n' "$active" | field jid), $(printf '%s\n' "$active" | field state)): nothing to do"
    exit 0
fi

# 3. where to start from
savepoint=null
case "$JOB_SAVEPOINT_PATH" in
    '') ;;
    latest)
        # shellcheck disable=SC2012 # Flink names these directories (job id, chk-N): ls -t is safe and picks the newest
        newest="$(ls -1t "$FLINK_STATE_DIR"/checkpoints/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)"
        if [ -n "$newest" ]; then
            savepoint="$(json_string "$(dirname "$newest")")"
            log "restoring the newest retained checkpoint $(dirname "$newest")"
        else
            log "no retained checkpoint under $FLINK_STATE_DIR/checkpoints: starting without state"
        fi
        ;;
    *) savepoint="$(json_string "$JOB_SAVEPOINT_PATH")" ;;
esac

# 4. program arguments (flink-job JobOptions): the compose network's servers and the credentials from .env
set -- \
    --mysql-host "${MYSQL_HOST:-mysql}" --mysql-port "${MYSQL_PORT:-3306}" \
    --mysql-cdc-user "${MYSQL_CDC_USER:-flink_cdc}" --mysql-cdc-password "$MYSQL_CDC_PASSWORD" \
    --kafka-bootstrap-servers "${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}" \
    --postgres-url "${POSTGRES_URL:-jdbc:postgresql://postgres:5432/readmodel}" \
    --postgres-user "${READMODEL_WRITER_USER:-readmodel_writer}" --postgres-password "$READMODEL_WRITER_PASSWORD" \
    --postgres-owner-user "${READMODEL_OWNER_USER:-readmodel}" --postgres-owner-password "$READMODEL_OWNER_PASSWORD" \
    --job-name "$JOB_NAME"
set -f
# shellcheck disable=SC2086 # JOB_EXTRA_ARGS is split on whitespace on purpose
for extra in $JOB_EXTRA_ARGS; do set -- "$@" "$extra"; done
set +f
args=""
for arg in "$@"; do args="${args:+$args,}$(json_string "$arg")"; done

# 5. upload the jar
log "uploading $JOB_JAR"
request POST /jars/upload -F "jarfile=@$JOB_JAR"
[ "$status" = 200 ] || fail "POST /jars/upload answered $status: $(cat "$tmp/body")"
filename="$(field filename < "$tmp/body")"
[ -n "$filename" ] || fail "POST /jars/upload gave no filename: $(cat "$tmp/body")"
jar_id="${filename##*/}"

# 6. run it
printf '{"entryClass":%s,"parallelism":%s,"programArgsList":[%s],"savepointPath":%s,"allowNonRestoredState":%s}' \
    "$(json_string "$JOB_ENTRY_CLASS")" "$JOB_PARALLELISM" "$args" "$savepoint" "$JOB_ALLOW_NON_RESTORED_STATE" \
    > "$tmp/run.json"
log "running $JOB_ENTRY_CLASS from $jar_id (parallelism $JOB_PARALLELISM)"
request POST "/jars/$jar_id/run" -H 'Content-Type: application/json' --data-binary "@$tmp/run.json"
[ "$status" = 200 ] || fail "POST /jars/$jar_id/run answered $status: $(cat "$tmp/body")"
job_id="$(field jobid < "$tmp/body")"
[ -n "$job_id" ] || fail "POST /jars/$jar_id/run gave no job id: $(cat "$tmp/body")"
log "submitted job $job_id"

# 7. wait until it runs
waited=0
while :; do
    request GET "/jobs/$job_id"
    state=""
    if [ "$status" = 200 ]; then state="$(field state < "$tmp/body")"; fi
    case "$state" in
        RUNNING)
            log "job $job_id '$JOB_NAME' is RUNNING (dashboard: Running Jobs)"
            exit 0
            ;;
        FAILED | CANCELED | FINISHED)
            request GET "/jobs/$job_id/exceptions"
            fail "job $job_id ended $state: $(head -c 4000 "$tmp/body")"
            ;;
    esac
    [ "$waited" -lt "$JOB_WAIT_SECONDS" ] || fail "job $job_id is still ${state:-unknown} after ${JOB_WAIT_SECONDS}s"
    sleep 2
    waited=$((waited + 2))
done
