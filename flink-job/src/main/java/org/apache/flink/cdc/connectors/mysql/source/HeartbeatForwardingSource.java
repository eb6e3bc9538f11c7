package org.apache.flink.cdc.connectors.mysql.source;

import dev.cqrsorders.job.shop.BinlogVersion;
import dev.cqrsorders.job.shop.ShopChange;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;

/**
 * A MySQL CDC source that also hands the binlog reader's heartbeats downstream, as {@link ShopChange#heartbeat}s
 * carrying the position the reader has reached. Flink CDC's own emitter only moves the split's offset with them; the
 * job needs them to tell how far it has read when no shop table changes. In this package because the constructor
 * that takes an emitter is package-private (Flink CDC's pipeline connector, MySqlDataSource, uses it the same way).
 */
public final class HeartbeatForwardingSource {
    private HeartbeatForwardingSource() {}

    /** {@code source} with the same configuration and deserializer, and heartbeats forwarded. */
    public static MySqlSource<ShopChange> of(MySqlSource<ShopChange> source,
                                             DebeziumDeserializationSchema<ShopChange> deserializer) {
        return new MySqlSource<>(source.getConfigFactory(), deserializer,
                (metrics, config) -> new Emitter(deserializer, metrics, config.isIncludeSchemaChanges()));
    }

    private static final class Emitter extends MySqlRecordEmitter<ShopChange> {
        Emitter(DebeziumDeserializationSchema<ShopChange> deserializer, MySqlSourceReaderMetrics metrics,
                boolean includeSchemaChanges) {
            super(deserializer, metrics, includeSchemaChanges);
        }

        @Override
        protected void processElement(SourceRecord element, SourceOutput<ShopChange> output,
                                      MySqlSplitState splitState) throws Exception {
            if (splitState.isBinlogSplitState() && RecordUtils.isHeartbeatEvent(element)) {
                output.collect(ShopChange.heartbeat(BinlogVersion.of(element.sourceOffset())));
            }
            super.processElement(element, output, splitState);
        }
    }
}
