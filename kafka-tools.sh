#!/usr/bin/env bash
# Kafka's own command-line tools from the broker's classpath (no Kafka download needed), e.g.
#   ./kafka-tools.sh console-producer --bootstrap-server 127.0.0.1:9092 --topic order_updates --property parse.key=true --property key.separator='|'
#   ./kafka-tools.sh console-consumer --bootstrap-server 127.0.0.1:9092 --topic order_updates_dlq --isolation-level read_committed --from-beginning --property print.headers=true
#   ./kafka-tools.sh topics --bootstrap-server 127.0.0.1:9092 --describe
set -euo pipefail
cd "$(dirname "$0")"
tool=${1:?usage: ./kafka-tools.sh console-producer|console-consumer|topics|consumer-groups [options]}
shift
case "$tool" in
  console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  topics)           main=org.apache.kafka.tools.TopicCommand ;;
  consumer-groups)  main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  *) echo "unknown tool: $tool" >&2; exit 2 ;;
esac
jar=$(ls local-servers-runtimes/kafka/target/local-servers-kafka-runtime-*.jar 2>/dev/null | head -1)
if [ -z "$jar" ]; then
  echo "building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -ntp -DskipTests package
  jar=$(ls local-servers-runtimes/kafka/target/local-servers-kafka-runtime-*.jar | head -1)
fi
exec java -Xmx256m -Dlog4j2.level=WARN -cp "$(unzip -p "$jar" cqrs-orders/kafka.classpath)" "$main" "$@"
