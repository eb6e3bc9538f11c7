package dev.cqrsorders.job;

import dev.cqrsorders.job.assemble.Dimension;
import dev.cqrsorders.job.assemble.DimensionFanout;
import dev.cqrsorders.job.assemble.DimensionInput;
import dev.cqrsorders.job.assemble.OrderAssembler;
import dev.cqrsorders.job.assemble.OrderAssemblerOperator;
import dev.cqrsorders.job.assemble.OrderInput;
import dev.cqrsorders.job.assemble.ShopChangeRouter;
import dev.cqrsorders.job.events.DeadLetter;
import dev.cqrsorders.job.events.OrderUpdateParser;
import dev.cqrsorders.job.events.OrderUpdateValidator;
import dev.cqrsorders.job.events.RawOrderUpdate;
import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopChangeDeserializer;
import dev.cqrsorders.job.sink.ReadModelSink;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.ShopMySqlSource;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.Properties;

/**
 * The job's dataflow. sql/flink/03-views.sql states the same read model in Flink SQL (the SQL client's ad hoc
 * answer, and a test oracle); this is its fast form: one write per event that raises a status, one per order
 * change, no retraction chain.
 *
 * <pre>
 * mysql-cdc (users, addresses, orders, order_items) ─ route ─┬─ by user id ──── fan out users ─────┐
 *                                                            ├─ by address id ─ fan out addresses ─┤
 *                                                            ├─ orders, items ─────────────────────┼─ by order id ─ assemble ─ write order_details
 *                                                            └─ write users, addresses, orders
 * order_updates ─ validate ─────────────────────────────────────────── status candidates ─────────┘
 *                        └─ order_updates_dlq
 * </pre>
 * Each writer also records how far it has applied its sources (read_model_progress): the assembler follows every
 * event with its topic position, the router every binlog change with its position, to the projections' writer; and
 * every writer records the watermark, which only the binlog's heartbeats move (see {@link ShopChangeRouter}).
 */
public final class ReadModelPipeline {
    /**
     * The buffer timeout of the MySQL path and the dead letters: each record sent at once, so no flusher thread per
     * output wakes every {@code --buffer-timeout} (the job's main cost at idle). In a backfill the receiving tasks are
     * busy, and a flush of data they have not taken yet costs next to nothing (docs/flink-job.md, "What was tried").
     */
    private static final long SEND_EACH_RECORD = 0;

    private ReadModelPipeline() {}

    /** Adds the whole job to {@code env}; {@code snapshotVersion}: see {@link ShopChangeDeserializer}. */
    public static void build(StreamExecutionEnvironment env, Configuration options, long snapshotVersion) {
        SingleOutputStreamOperator<OrderInput> shop = env
                .fromSource(shopSource(options, snapshotVersion), WatermarkStrategy.noWatermarks(), "mysql-cdc shop")
                .uid("shop-cdc-source")
                .transform("route shop changes", OrderInput.TYPE, new ShopChangeRouter(options.get(JobOptions.MYSQL_DATABASE), options))
                .uid("route-shop-changes")
                .setBufferTimeout(SEND_EACH_RECORD);

        DataStream<OrderInput> users = shop.getSideOutput(ShopChangeRouter.USERS)
                .keyBy(DimensionInput::dimensionId, Types.LONG)
                .process(new DimensionFanout(Dimension.USER), OrderInput.TYPE)
                .name("fan out users").uid("fan-out-users")
                .setBufferTimeout(SEND_EACH_RECORD);
        DataStream<OrderInput> addresses = shop.getSideOutput(ShopChangeRouter.ADDRESSES)
                .keyBy(DimensionInput::dimensionId, Types.LONG)
                .process(new DimensionFanout(Dimension.ADDRESS), OrderInput.TYPE)
                .name("fan out addresses").uid("fan-out-addresses")
                .setBufferTimeout(SEND_EACH_RECORD);

        String topic = options.get(JobOptions.ORDER_UPDATES_TOPIC);
        SingleOutputStreamOperator<OrderInput> events = env
                .fromSource(orderUpdatesSource(options), holdingNothingBack(), "order_updates")
                .uid("order-updates-source")
                .process(new OrderUpdateValidator(topic, new OrderUpdateParser()), OrderInput.TYPE)
                .name("validate order_updates").uid("validate-order-updates");
        events.getSideOutput(OrderUpdateValidator.DEAD_LETTERS)
                // an output's buffer timeout is its operator's: this pass-through gives the dead letters' one of their own
                .map(letter -> letter, DeadLetter.TYPE).name("hand over dead letters").uid("hand-over-dead-letters")
                .setBufferTimeout(SEND_EACH_RECORD)
                // a task of its own: at each checkpoint the transactional producer commits and starts a transaction,
                // which chained would stop the events' source meanwhile. Cut here (rescale: subtask i to subtask i at
                // equal parallelism) rather than by disableChaining() on the sink, which also parts the sink's
                // committer from its writer: one more task
                .rescale()
                .sinkTo(deadLetterSink(options)).name("order_updates_dlq").uid("order-updates-dlq");

        shop.union(users, addresses, events)
                .keyBy(OrderInput::orderId, Types.LONG)
                .transform("assemble order_details", ReadModelWrite.TYPE, new OrderAssemblerOperator(new OrderAssembler(
                        options.get(JobOptions.EMPTY_ITEMS_HOLD).toMillis(), topic, snapshotVersion)))
                .uid("assemble-order-details")
                // the assembler holds the snapshot's orders itself, as ids (OrderAssemblerOperator)
                .transform("write order_details", Types.VOID, readModelSink(options, Long.MIN_VALUE))
                .uid("write-order-details");

        // no shuffle: a row's changes come from one source reader in binlog order (the versions make the order of
        // arrival irrelevant anyway). Not chained, like the order_details sink: at each checkpoint barrier a sink
        // waits until PostgreSQL has what it was given, and in a task of its own that wait does not stop the source
        // at once (docs/flink-job.md, "What was tried")
        shop.getSideOutput(ShopChangeRouter.PROJECTIONS)
                .transform("write users, addresses, orders", Types.VOID, readModelSink(options, snapshotVersion))
                .uid("write-projections");
    }

    /**
     * order_updates holds no watermark back: idle as far as event time goes, so the binlog's are the only watermarks
     * (see {@link ShopChangeRouter}). Not the maximum watermark: while the binlog's were still idle, every operator
     * behind it would be at the maximum already, and a watermark never moves back.
     */
    static WatermarkStrategy<RawOrderUpdate> holdingNothingBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RawOrderUpdate event, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    /**
     * One binlog reader for the four tables: changes arrive in commit order, whatever table they touch; its
     * heartbeats come along ({@link ShopChange#heartbeat}). The initial snapshot reads the tables in the order listed
     * ({@link ShopMySqlSource}): users and addresses, then items and the orders that join them all, interleaved.
     */
    public static MySqlSource<ShopChange> shopSource(Configuration options, long snapshotVersion) {
        ShopChangeDeserializer deserializer = new ShopChangeDeserializer(snapshotVersion);
        return ShopMySqlSource.of(
                shopSource(options, deserializer, options.get(JobOptions.MYSQL_POLL_INTERVAL)),
                shopSource(options, deserializer, options.get(JobOptions.MYSQL_SNAPSHOT_POLL_INTERVAL)),
                deserializer);
    }

    private static MySqlSource<ShopChange> shopSource(Configuration options, ShopChangeDeserializer deserializer,
                                                      Duration pollInterval) {
        String database = options.get(JobOptions.MYSQL_DATABASE);
        Properties jdbc = new Properties();
        jdbc.setProperty("useSSL", "false");
        jdbc.setProperty("allowPublicKeyRetrieval", "true");
        Properties debezium = new Properties();
        // Debezium waits up to this long for a full batch before handing over fewer changes (its default: 500 ms)
        debezium.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        // the binlog client notices a lost connection only at its keepalive check (default every 60 s): after a MySQL
        // restart the read model stood still for up to a minute. The check also fires when the reader is held back that
        // long; a reconnection in the middle of a transaction fails the reader (BinlogReconnectWatch)
        debezium.setProperty("connect.keep.alive.interval.ms", "2000");
        return MySqlSource.<ShopChange>builder()
                .hostname(options.get(JobOptions.MYSQL_HOST))
                .port(options.get(JobOptions.MYSQL_PORT))
                .databaseList(database)
                .tableList(database + ".users", database + ".addresses", database + ".order_items", database + ".orders")
                .username(options.get(JobOptions.MYSQL_CDC_USER))
                .password(options.get(JobOptions.MYSQL_CDC_PASSWORD))
                .serverId(options.get(JobOptions.MYSQL_SERVER_ID))
                .serverTimeZone("UTC")
                .startupOptions(StartupOptions.initial())
                .splitSize(options.get(JobOptions.MYSQL_SNAPSHOT_CHUNK_SIZE))
                .jdbcProperties(jdbc)
                .debeziumProperties(debezium)
                .heartbeatInterval(options.get(JobOptions.MYSQL_HEARTBEAT_INTERVAL))
                .deserializer(deserializer)
                .build();
    }

    /** From the earliest offset: a job started without state rebuilds every order's status from the whole topic. */
    public static KafkaSource<RawOrderUpdate> orderUpdatesSource(Configuration options) {
        return KafkaSource.<RawOrderUpdate>builder()
                .setBootstrapServers(options.get(JobOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(options.get(JobOptions.ORDER_UPDATES_TOPIC))
                .setGroupId(options.get(JobOptions.KAFKA_GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawOrderUpdate.KafkaDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    static KafkaSink<DeadLetter> deadLetterSink(Configuration options) {
        MemorySize maxRecord = options.get(JobOptions.DLQ_MAX_RECORD_SIZE);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(options.get(JobOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(new DeadLetter.KafkaSerializer(options.get(JobOptions.DLQ_TOPIC),
                        (int) maxRecord.getBytes()))
                // committed with each checkpoint: a replay after a failover writes no dead letter twice
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.get(JobOptions.DLQ_TRANSACTIONAL_ID_PREFIX))
                // the broker's default transaction.max.timeout.ms: the longest a job may be down with open transactions
                .setProperty("transaction.timeout.ms", Long.toString(java.time.Duration.ofMinutes(15).toMillis()))
                // the producer's limit counts a record's framing too; the serializer keeps the record below it
                .setProperty("max.request.size", Long.toString(maxRecord.getBytes() + DeadLetter.FRAMING_BYTES))
                .build();
    }

    /** {@code snapshotVersion}: the rows it holds, see {@link ReadModelSink}; {@code Long.MIN_VALUE} for none. */
    public static ReadModelSink readModelSink(Configuration options, long snapshotVersion) {
        return new ReadModelSink(new ReadModelSink.Settings(options.get(JobOptions.POSTGRES_URL),
                options.get(JobOptions.POSTGRES_USER), options.get(JobOptions.POSTGRES_PASSWORD),
                options.get(JobOptions.SINK_BATCH_ROWS), java.time.Duration.ofSeconds(10),
                options.get(JobOptions.POSTGRES_TIMEOUT), options.get(JobOptions.POSTGRES_RETRY)), snapshotVersion,
                options.get(JobOptions.MYSQL_DATABASE) + ".*");
    }
}
