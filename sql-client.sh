#!/usr/bin/env bash
# Opens the Flink SQL client (1.20) against the system ./run-local.sh is running, with the job's tables and views
# loaded from sql/flink. Type ad hoc SELECTs, or run a file: ./sql-client.sh -f sql/examples/01-orders-by-status.sql
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -e launcher/target/launcher.classpath ]; then
  echo "building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -ntp -DskipTests package
fi
exec java -Xmx256m -cp "launcher/target/classes:$(cat launcher/target/launcher.classpath)" \
  dev.cqrsorders.launcher.SqlClientLauncher "$@"
