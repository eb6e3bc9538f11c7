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

jars=(flink-job/target/cqrs-orders-flink-job.jar serving-api/target/serving-api-0.1.0-SNAPSHOT.jar
      seed-data/target/seed-data.jar launcher/target/launcher.classpath)
needs_build=false
for jar in "${jars[@]}"; do
  if [ ! -e "$jar" ] || [ -n "$(find . -path ./.local-servers -prune -o \( -name '*.java' -o -name pom.xml -o -name '*.sql' -o -name '*.yml' \) -newer "$jar" -print -quit)" ]; then
    needs_build=true
  fi
done
if $needs_build; then
  echo "building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -ntp -DskipTests package
fi

exec java -Xmx512m -cp "launcher/target/classes:$(cat launcher/target/launcher.classpath)" \
  dev.cqrsorders.launcher.RunLocal \
  --job-jar flink-job/target/cqrs-orders-flink-job.jar \
  --api-jar serving-api/target/serving-api-0.1.0-SNAPSHOT.jar \
  --seed-jar seed-data/target/seed-data.jar "$@"
