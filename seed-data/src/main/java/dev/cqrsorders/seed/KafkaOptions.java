package dev.cqrsorders.seed;

import picocli.CommandLine.Option;

/** Where order status events go. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${env:KAFKA_PORT:-9092}}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:$KAFKA_PORT; "
                    + "default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "order_updates",
            description = "Kafka topic of order status events (default: ${DEFAULT-VALUE}).")
    String topic;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }
}
