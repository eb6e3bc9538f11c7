#!/bin/sh
# job-submit (docker-compose.yml) keeps the read-model job submitted: every JOB_CHECK_SECONDS (15) it runs submit.sh,
# which does nothing while the job runs and otherwise submits it. The session cluster has no high availability, so
# after a JobManager restart the job is gone; it comes back from the newest retained checkpoint or savepoint
# (JOB_SAVEPOINT_PATH=latest, the default). An explicit JOB_SAVEPOINT_PATH serves the first submission only. A failed
# submission is logged and tried again at the next check. `docker compose stop job-submit` before cancelling the job
# for good. Runs under compose's init (signals reach this shell).
set -u
interval="${JOB_CHECK_SECONDS:-15}"
case "$interval" in '' | *[!0-9]*) echo "job-submit: JOB_CHECK_SECONDS must be a number, not '$interval'" >&2; exit 1 ;; esac

while :; do
    if sh "$(dirname "$0")/submit.sh"; then
        JOB_SAVEPOINT_PATH=latest
        export JOB_SAVEPOINT_PATH
    else
        echo "job-submit: submission failed; trying again in ${interval} s" >&2
    fi
    sleep "$interval"
done
