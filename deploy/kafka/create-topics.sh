#!/usr/bin/env bash
# kafka-init (docker-compose.yml): creates the job's topics with the Kafka image's own kafka-topics.sh, idempotently
# (--if-not-exists), then checks their partition counts. The broker has auto-creation off, so nothing else creates
# them: the job, which reads order_updates from the earliest offset, is submitted only after this succeeds.
# A topic that already exists is left as it is (a different partition count is reported, not changed).
#   order_updates      ORDER_UPDATES_PARTITIONS (4) partitions, retention unlimited: a job started without state
#                      rebuilds every order's status from the whole topic, so no event may expire
#   order_updates_dlq  DLQ_PARTITIONS (1) partition, the broker's default retention, records up to 4 MB: any record
#                      of order_updates (1 MB by default) fits with its reason headers (the job's
#                      --dlq-max-record-size, 2 MB, must stay below this; local-servers's KafkaBroker does the same)
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
topics_cmd=/opt/kafka/bin/kafka-topics.sh
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256m}"

# depends_on waits for the broker's healthcheck; still retry briefly when run on its own
for attempt in $(seq 1 30); do
    if "$topics_cmd" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; then
        break
    fi
    if [ "$attempt" -eq 30 ]; then
        echo "kafka-init: no broker at $bootstrap" >&2
        exit 1
    fi
    sleep 2
done

# create_topic NAME PARTITIONS [--config k=v ...]
create_topic() {
    local name="$1" partitions="$2" actual
    shift 2
    "$topics_cmd" --bootstrap-server "$bootstrap" --create --if-not-exists \
        --topic "$name" --partitions "$partitions" --replication-factor 1 "$@"
    actual="$("$topics_cmd" --bootstrap-server "$bootstrap" --describe --topic "$name" \
        | sed -n 's/.*PartitionCount:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -n 1)"
    if [ -z "$actual" ]; then
        echo "kafka-init: topic $name was not found after creating it" >&2
        exit 1
    fi
    if [ "$actual" != "$partitions" ]; then
        echo "kafka-init: WARNING: topic $name already existed with $actual partitions (expected $partitions); left unchanged" >&2
    fi
    echo "kafka-init: topic $name ready ($actual partitions)"
}

create_topic "${ORDER_UPDATES_TOPIC:-order_updates}" "${ORDER_UPDATES_PARTITIONS:-4}" --config retention.ms=-1
create_topic "${DLQ_TOPIC:-order_updates_dlq}" "${DLQ_PARTITIONS:-1}" --config max.message.bytes=4194304
