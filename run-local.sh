#!/usr/bin/env bash
# Starts the whole cqrs-orders system on this machine (no Docker): MariaDB, Kafka, PostgreSQL, a Flink session
# cluster with its dashboard, the job submitted through the dashboard's REST API, serving-api, demo data and a
# gentle event generator. `--empty`: the same system with the schemas but no demo data and no generator.
# `--resume`: keep the previous run's data and resume the job from its savepoint. `--task-managers N`: N TaskManagers.
# Ports: MYSQL_PORT 3306, KAFKA_PORT 9092, POSTGRES_PORT 5432, FLINK_REST_PORT 8081, API_PORT 8080,
# FLINK_METRICS_PORT 9249 (one per Flink process). Runs until Ctrl-C or SIGTERM, then stops the job with a savepoint
# and everything it started.
set -euo pipefail
cd "$(dirname "$0")"

started_ms=$(date +%s%3N)   # run-local's "ready in" counts from here

# rebuild only the modules whose sources changed since their jar was built: a jar, then what it is built from
stale() {
  local jar=$1; shift
  [ ! -e "$jar" ] || [ -n "$(find "$@" -type f -newer "$jar" -print -quit 2>/dev/null)" ]
}
modules=()
stale flink-job/target/cqrs-orders-flink-job.jar pom.xml flink-job/pom.xml flink-job/src/main \
  read-model-schema/pom.xml read-model-schema/src/main && modules+=(flink-job)
stale serving-api/target/serving-api-0.1.0-SNAPSHOT.jar pom.xml serving-api/pom.xml serving-api/src/main \
  read-model-schema/pom.xml read-model-schema/src/main && modules+=(serving-api)
stale seed-data/target/seed-data.jar pom.xml seed-data/pom.xml seed-data/src/main sql/mysql && modules+=(seed-data)
stale launcher/target/launcher.classpath pom.xml launcher/pom.xml launcher/src/main local-servers/pom.xml \
  local-servers/src/main local-servers-runtimes deploy/mysql deploy/postgres && modules+=(launcher)
if [ ${#modules[@]} -gt 0 ]; then
  list=$(IFS=,; echo "${modules[*]}")
  echo "building $list (mvn -B -q -DskipTests package -pl $list -am) ..."
  mvn -B -q -ntp -DskipTests package -pl "$list" -am
fi

RUN_LOCAL_STARTED_MS=$started_ms \
exec java -Xmx512m -cp "launcher/target/classes:$(cat launcher/target/launcher.classpath)" \
  dev.cqrsorders.launcher.RunLocal \
  --job-jar flink-job/target/cqrs-orders-flink-job.jar \
  --api-jar serving-api/target/serving-api-0.1.0-SNAPSHOT.jar \
  --seed-jar seed-data/target/seed-data.jar "$@"
