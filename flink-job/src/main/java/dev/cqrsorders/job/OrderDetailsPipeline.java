package dev.cqrsorders.job;

import dev.cqrsorders.job.events.OrderUpdateParser;
import dev.cqrsorders.job.events.OrderUpdateValidator;
import dev.cqrsorders.job.sql.ConnectionOptions;
import dev.cqrsorders.job.sql.SqlScript;
import dev.cqrsorders.job.stabilize.ChangelogStabilizer;
import dev.cqrsorders.job.stabilize.OrderDetailsGuard;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Assembles the job from the SQL files in sql/flink (loaded from the jar, run as they are) and three DataStream
 * steps the SQL cannot express: the contract check of order_updates with a dead-letter side output, and the
 * stabilizer that keeps transient deletes of existing orders away from PostgreSQL.
 */
public final class OrderDetailsPipeline {
    public static final String FUNCTIONS = "00-functions.sql";
    public static final String CDC_SOURCES = "01-cdc-sources.sql";
    public static final String ORDER_UPDATES_SOURCE = "02-order-updates-source.sql";
    public static final String VIEWS = "03-views.sql";
    public static final String SINKS = "04-sinks.sql";
    public static final String INSERTS = "05-insert.sql";

    private OrderDetailsPipeline() {}

    /** The whole job as one statement set; call {@code attachAsDataStream()} and execute the environment. */
    public static StreamStatementSet build(StreamTableEnvironment tEnv, JobConfig config) {
        miniBatch(tEnv, config.miniBatchLatency());
        run(tEnv, FUNCTIONS);
        run(tEnv, CDC_SOURCES);
        run(tEnv, ORDER_UPDATES_SOURCE);
        run(tEnv, SINKS);
        connectionOptions(config).applyTo(tEnv);
        readEachSourceOnce(tEnv, "shop_users", "shop_addresses", "shop_orders", "shop_order_items");
        validateOrderUpdates(tEnv, config.orderUpdatesTopic(), new OrderUpdateParser());
        run(tEnv, VIEWS);
        stabilizeOrderDetails(tEnv, config.settle(), config.deleteGrace(), config.transientHold());
        return statementSet(tEnv, INSERTS);
    }

    /**
     * Mini-batches fold the retract/add pairs of one change inside aggregates and joins before they are processed,
     * so far fewer intermediate versions (a row without its user for a moment) reach the stabilizer. Off by default
     * (0): in this pipeline the sources enter the planner as DataStreams, so bundles are flushed by checkpoints
     * rather than by the latency, and the end-to-end latency becomes the checkpoint interval.
     */
    static void miniBatch(StreamTableEnvironment tEnv, Duration latency) {
        if (latency.isZero()) {
            return;
        }
        tEnv.getConfig().set("table.exec.mini-batch.enabled", "true");
        tEnv.getConfig().set("table.exec.mini-batch.allow-latency", latency.toMillis() + " ms");
        tEnv.getConfig().set("table.exec.mini-batch.size", "5000");
    }

    static ConnectionOptions connectionOptions(JobConfig config) {
        return new ConnectionOptions()
                .set("mysql-cdc", Map.of(
                        "hostname", config.mysqlHost(),
                        "port", Integer.toString(config.mysqlPort()),
                        "database-name", config.mysqlDatabase(),
                        "username", config.mysqlCdcUser(),
                        "password", config.mysqlCdcPassword()))
                .set("kafka", Map.of("properties.bootstrap.servers", config.kafkaBootstrapServers()))
                .setForTable("order_updates_raw", Map.of(
                        "topic", config.orderUpdatesTopic(),
                        "properties.group.id", config.kafkaGroupId()))
                .setForTable("order_updates_dlq", Map.of("topic", config.dlqTopic()))
                .set("jdbc", Map.of(
                        "url", config.sinkJdbcUrl(),
                        "username", config.postgresUser(),
                        "password", config.postgresPassword()));
    }

    /**
     * The details query becomes a DataStream (for the stabilizer) and is planned apart from the statement set, so
     * without this each CDC table would be read by two sources — two binlog clients with the same server id, which
     * MySQL refuses. Each table is read once here and shadowed by a temporary view of that one changelog.
     */
    static void readEachSourceOnce(StreamTableEnvironment tEnv, String... tables) {
        for (String name : tables) {
            Table table = tEnv.from(name);
            ResolvedSchema schema = table.getResolvedSchema();
            DataStream<Row> changelog = tEnv.toChangelogStream(table);
            tEnv.createTemporaryView(name, tEnv.fromChangelogStream(changelog,
                    Schema.newBuilder().fromResolvedSchema(schema).build(), ChangelogMode.all()));
        }
    }

    /** Executes every statement of a file (DDL, views, functions). */
    public static void run(StreamTableEnvironment tEnv, String file) {
        for (String statement : SqlScript.load(file).statements()) {
            tEnv.executeSql(statement);
        }
    }

    /** The INSERTs of a file's statement set(s), to be submitted together. */
    public static StreamStatementSet statementSet(StreamTableEnvironment tEnv, String file) {
        StreamStatementSet set = tEnv.createStatementSet();
        for (String statement : SqlScript.load(file).statements()) {
            List<String> inserts = SqlScript.statementSetInserts(statement);
            for (String insert : inserts.isEmpty() ? List.of(statement) : inserts) {
                set.addInsertSql(insert);
            }
        }
        return set;
    }

    /**
     * order_updates_raw → {@code order_updates_valid} (event_id, order_id, status, source, event_time) and
     * {@code order_updates_invalid} (record_key, payload, headers), both temporary views.
     */
    public static void validateOrderUpdates(StreamTableEnvironment tEnv, String topic, OrderUpdateParser parser) {
        DataStream<Row> raw = tEnv.toDataStream(tEnv.from("order_updates_raw"));
        SingleOutputStreamOperator<Row> valid = raw
                .process(new OrderUpdateValidator(topic, parser), OrderUpdateValidator.EVENT_TYPE)
                .name("validate order_updates").uid("validate-order-updates");
        tEnv.createTemporaryView("order_updates_valid", tEnv.fromDataStream(valid, Schema.newBuilder()
                .column("event_id", DataTypes.STRING().notNull())
                .column("order_id", DataTypes.BIGINT().notNull())
                .column("status", DataTypes.STRING().notNull())
                .column("source", DataTypes.STRING().notNull())
                .column("event_time", DataTypes.TIMESTAMP(3).notNull())
                .build()));
        DataStream<Row> deadLetters = valid.getSideOutput(OrderUpdateValidator.DEAD_LETTERS);
        tEnv.createTemporaryView("order_updates_invalid", tEnv.fromDataStream(deadLetters, Schema.newBuilder()
                .column("record_key", DataTypes.BYTES())
                .column("payload", DataTypes.BYTES())
                .column("headers", DataTypes.MAP(DataTypes.STRING(), DataTypes.BYTES()))
                .build()));
    }

    /** Registers {@code order_details_stable}: order_details_view as a stabilized upsert stream by order_id. */
    public static void stabilizeOrderDetails(StreamTableEnvironment tEnv, Duration settle, Duration deleteGrace,
                                             Duration transientHold) {
        String source = "order_details_view";
        String key = "order_id";
        Table table = tEnv.from(source);
        ResolvedSchema schema = table.getResolvedSchema();
        List<String> columns = schema.getColumnNames();
        int keyIndex = columns.indexOf(key);
        OrderDetailsGuard guard = new OrderDetailsGuard(columns.indexOf("last_order_update"), columns.indexOf("order_status"),
                List.of(columns.indexOf("user_name"), columns.indexOf("full_address")), columns.indexOf("item_count"));
        DataStream<Row> changelog = tEnv.toChangelogStream(table);
        TypeInformation<Row> rowType = changelog.getType();
        DataStream<Row> stable = changelog
                .keyBy((KeySelector<Row, Long>) row -> (Long) row.getField(keyIndex))
                .process(new ChangelogStabilizer<Long>(rowType, settle.toMillis(), deleteGrace.toMillis(),
                        transientHold.toMillis(), guard),
                        rowType)
                .name("stabilize order_details").uid("stabilize-order-details");
        String target = "order_details_stable";
        Schema.Builder upsertSchema = Schema.newBuilder().fromResolvedSchema(withNotNullKey(schema, key));
        tEnv.createTemporaryView(target, tEnv.fromChangelogStream(stable,
                upsertSchema.primaryKey(key).build(), ChangelogMode.upsert()));
    }

    private static ResolvedSchema withNotNullKey(ResolvedSchema schema, String key) {
        return ResolvedSchema.of(schema.getColumns().stream()
                .map(c -> c.getName().equals(key) ? c.copy(c.getDataType().notNull()) : c)
                .toList());
    }
}
