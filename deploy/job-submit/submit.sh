#!/bin/sh
# job-submit (docker-compose.yml): submits the read-model job to the Flink session cluster with the Flink CLI
# (`flink run --detached`, in the Flink image), and waits until it is RUNNING. The job's main runs here, in the client:
# it migrates the PostgreSQL schema (as the owner role), reads MySQL's binlog position, builds the pipeline and
# submits the job graph with the jar through the job manager's REST API (POST /jobs). The dashboard's jar upload
# (/jars/upload, /jars/{id}/run) is switched off in docker-compose (web.submit.enable: false): nobody can run a jar
# of their own on the cluster; run-local keeps it on for the dashboard walkthrough.
# Idempotent enough for `docker compose up`: when a job with the same name is already running (or starting,
# restarting), nothing is submitted. Arguments reach the CLI as separate words, so passwords with spaces or quotes
# arrive intact.
#
# Environment (docker-compose.yml sets it from .env):
#   FLINK_REST_URL, JOB_JAR, JOB_ENTRY_CLASS, JOB_NAME, JOB_PARALLELISM, JOB_WAIT_SECONDS (default 180)
#   JOB_SAVEPOINT_PATH   empty: start without state; a path as the job manager sees it: restore that savepoint or
#                        retained checkpoint; "latest": the newest retained checkpoint or savepoint under
#                        FLINK_STATE_DIR (none yet: start without state)
#   JOB_ALLOW_NON_RESTORED_STATE  true to skip state the new job graph no longer has (default false)
#   JOB_EXTRA_ARGS       further program arguments, split on whitespace (e.g. "--checkpoint-interval 30s")
#   MYSQL_HOST, MYSQL_PORT, MYSQL_CDC_USER, MYSQL_CDC_PASSWORD, KAFKA_BOOTSTRAP_SERVERS,
#   POSTGRES_URL, READMODEL_WRITER_USER/_PASSWORD (writes), READMODEL_OWNER_USER/_PASSWORD (migrations only)
#                                                                   -> the job's --mysql-*, --kafka-*, --postgres-*
#   FLINK                the Flink CLI (default: flink on the PATH, as in the Flink image)
# Needs: POSIX sh, sed, grep, curl and the Flink CLI (all in the official Flink image); no jq.
set -eu

FLINK_REST_URL="${FLINK_REST_URL:-http://jobmanager:8081}"
JOB_JAR="${JOB_JAR:-/opt/flink/usrlib/cqrs-orders-flink-job.jar}"
JOB_ENTRY_CLASS="${JOB_ENTRY_CLASS:-dev.cqrsorders.job.OrderDetailsJob}"
JOB_NAME="${JOB_NAME:-cqrs-orders: order_details read model}"
JOB_PARALLELISM="${JOB_PARALLELISM:-2}"
JOB_SAVEPOINT_PATH="${JOB_SAVEPOINT_PATH:-}"
JOB_ALLOW_NON_RESTORED_STATE="${JOB_ALLOW_NON_RESTORED_STATE:-false}"
JOB_EXTRA_ARGS="${JOB_EXTRA_ARGS:-}"
JOB_WAIT_SECONDS="${JOB_WAIT_SECONDS:-180}"
FLINK_STATE_DIR="${FLINK_STATE_DIR:-/opt/flink/state}"
FLINK="${FLINK:-flink}"

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
savepoint=""
case "$JOB_SAVEPOINT_PATH" in
    '') ;;
    latest)
        # shellcheck disable=SC2012 # Flink names these directories (job id, chk-N, savepoint-…): ls -t is safe
        newest="$(ls -1t "$FLINK_STATE_DIR"/checkpoints/*/chk-*/_metadata "$FLINK_STATE_DIR"/savepoints/*/_metadata \
            2>/dev/null | head -n 1 || true)"
        if [ -n "$newest" ]; then
            savepoint="$(dirname "$newest")"
            log "restoring the newest retained checkpoint or savepoint $savepoint"
        else
            log "no retained checkpoint or savepoint under $FLINK_STATE_DIR: starting without state"
        fi
        ;;
    *) savepoint="$JOB_SAVEPOINT_PATH" ;;
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

# 5. the CLI's own options before the jar, the job's arguments after it
jobmanager="${FLINK_REST_URL#*://}"
jobmanager="${jobmanager%%/*}"
set -- "$JOB_JAR" "$@"
if [ -n "$savepoint" ]; then
    if [ "$JOB_ALLOW_NON_RESTORED_STATE" = true ]; then
        set -- --allowNonRestoredState "$@"
    fi
    set -- --fromSavepoint "$savepoint" "$@"
fi
set -- --detached --jobmanager "$jobmanager" --parallelism "$JOB_PARALLELISM" --class "$JOB_ENTRY_CLASS" "$@"

# 6. run it: main migrates, reads MySQL's position and submits; the CLI prints "Job has been submitted with JobID <id>"
log "running $JOB_ENTRY_CLASS from $JOB_JAR on $jobmanager (parallelism $JOB_PARALLELISM)"
"$FLINK" run "$@" > "$tmp/run.log" 2>&1 || fail "flink run failed: $(tail -n 40 "$tmp/run.log")"
job_id="$(sed -n 's/.*submitted with JobID \([0-9a-f]*\).*/\1/p' "$tmp/run.log" | head -n 1)"
[ -n "$job_id" ] || fail "flink run printed no job id: $(tail -n 40 "$tmp/run.log")"
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
