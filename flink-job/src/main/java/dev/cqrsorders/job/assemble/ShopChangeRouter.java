package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.JobOptions;
import dev.cqrsorders.job.shop.BinlogClock;
import dev.cqrsorders.job.shop.BinlogVersion;
import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.IOUtils;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Addresses each write-model change to whoever applies it: orders and items to the {@link OrderAssembler} (main
 * output, by order id), users and addresses to their {@link DimensionFanout}s together with the orders that start or
 * stop referencing them, and every user, address and order row to its projection table.
 *
 * <p>Snapshot rows of one order's items, which a snapshot split reads one after another, go out as one
 * {@link OrderInput.Items}: one record and one state update per order instead of one per item. The run is sent when
 * anything else arrives and before each checkpoint barrier (a run kept past a barrier would be lost with a failure
 * after that checkpoint); holding it longer delays nothing, since snapshot writes wait for a checkpoint anyway.
 *
 * <p>The binlog reader's heartbeats, and MySQL's binlog end sampled every {@code --mysql-heartbeat-interval} once they
 * come, become the job's only watermarks ({@link BinlogClock}): a watermark t says every MySQL commit before t has
 * been read, and behind it, once it has passed every operator, applied. The sinks record it
 * as the shop database's progress, which {@code GET /freshness} turns into the MySQL tables' lag. Readers without the
 * binlog split (snapshot readers) are idle, so they hold no watermark back.
 */
public final class ShopChangeRouter extends AbstractStreamOperator<OrderInput>
        implements OneInputStreamOperator<ShopChange, OrderInput> {
    private static final long serialVersionUID = 1L;
    /** An order has a handful of items; a longer run is sent in parts. */
    private static final int MAX_RUN = 256;
    public static final OutputTag<DimensionInput> USERS = new OutputTag<>("users", DimensionInput.TYPE);
    public static final OutputTag<DimensionInput> ADDRESSES = new OutputTag<>("addresses", DimensionInput.TYPE);
    public static final OutputTag<ReadModelWrite> PROJECTIONS = new OutputTag<>("projections", ReadModelWrite.TYPE);
    private static final Logger LOG = LoggerFactory.getLogger(ShopChangeRouter.class);
    /** Bounds the binlog end's query, which runs in the task's thread. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_BACKOFF_MS = 10_000;

    /** The sources read_model_progress names: {@code database.table}. */
    private final String users;
    private final String addresses;
    private final String orders;
    private final String items;
    /** How to ask MySQL where its binlog ends; null: heartbeats give no watermarks. */
    private final Configuration mysql;
    private final long sampleEveryMs;
    /** Snapshot items of one order not sent yet. */
    private transient List<OrderInput.Item> run;
    private transient BinlogClock clock;
    private transient Connection probe;
    private transient long probeAgainAt;
    private transient long watermark;
    private transient boolean active;

    /** {@code database}: the shop's MySQL database; {@code mysql}: the job's options (MySQL host and CDC user). */
    public ShopChangeRouter(String database, Configuration mysql) {
        chainingStrategy = ChainingStrategy.ALWAYS; // with the source: no copy between them
        this.mysql = mysql;
        this.sampleEveryMs = mysql == null ? 0 : mysql.get(JobOptions.MYSQL_HEARTBEAT_INTERVAL).toMillis();
        users = database + ".users";
        addresses = database + ".addresses";
        orders = database + ".orders";
        items = database + ".order_items";
    }

    @Override
    public void open() throws Exception {
        super.open();
        run = new ArrayList<>();
        clock = new BinlogClock();
        watermark = Long.MIN_VALUE;
        output.emitWatermarkStatus(WatermarkStatus.IDLE); // until this reader has the binlog split
    }

    /** The source's own watermarks and status: it has none that mean anything here. */
    @Override
    public void processWatermark(Watermark mark) {}

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {}

    @Override
    public void processElement(StreamRecord<ShopChange> element) {
        ShopChange change = element.getValue();
        if (change.isHeartbeat()) {
            heartbeat(change.version());
            return;
        }
        long version = change.version();
        if (change.snapshot() && change.after() instanceof ShopRow.Item item) {
            if (!run.isEmpty() && (run.get(0).orderId() != item.orderId() || run.size() == MAX_RUN)) {
                sendRun();
            }
            run.add(new OrderInput.Item(item.orderId(), item.itemId(), version, item));
            return;
        }
        sendRun();
        route(change, version);
        if (!change.snapshot()) {
            // to the projections' writer, which gets every table's changes in binlog order (the snapshot is no
            // binlog position: progress starts with the first binlog change)
            side(PROJECTIONS, new ReadModelWrite.Progress(sourceOf(change.row()), 0, version, change.sourceTime()));
        }
    }

    private void heartbeat(long position) {
        if (mysql == null) {
            return;
        }
        boolean first = !clock.reading();
        advance(clock.heartbeat(position));
        if (first) { // this reader has the binlog split
            sample();
            getProcessingTimeService().scheduleWithFixedDelay(time -> sample(), sampleEveryMs, sampleEveryMs);
        }
    }

    /** Where MySQL's binlog ends now: if the reader is there, everything committed until now has been read. */
    private void sample() {
        long now = System.currentTimeMillis(); // before the query: every commit before now is below the end it reads
        long end = binlogEnd(now);
        if (end >= 0) {
            advance(clock.sample(end, now));
        }
    }

    private void advance(long readUpTo) {
        if (readUpTo > watermark) {
            if (!active) {
                output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
                active = true;
            }
            watermark = readUpTo;
            output.emitWatermark(new Watermark(readUpTo));
        }
    }

    /** Where MySQL's binlog ends now; -1 when MySQL does not answer (then again after a pause). */
    private long binlogEnd(long now) {
        if (now < probeAgainAt) {
            return -1;
        }
        try {
            if (probe == null) {
                probe = BinlogVersion.connect(mysql, PROBE_TIMEOUT);
            }
            return BinlogVersion.current(probe);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read where MySQL's binlog ends (the MySQL lag stands still meanwhile): {}", e.toString());
            closeProbe();
            probeAgainAt = now + PROBE_BACKOFF_MS;
            return -1;
        }
    }

    private void closeProbe() {
        IOUtils.closeQuietly(probe); // a broken connection
        probe = null;
    }

    @Override
    public void close() throws Exception {
        closeProbe();
        super.close();
    }

    private String sourceOf(ShopRow row) {
        if (row instanceof ShopRow.User) {
            return users;
        }
        if (row instanceof ShopRow.Address) {
            return addresses;
        }
        return row instanceof ShopRow.Order ? orders : items;
    }

    private void route(ShopChange change, long version) {
        if (change.row() instanceof ShopRow.User u) {
            side(USERS, new DimensionInput.Row(u.userId(), version, change.snapshot(),
                    userValues((ShopRow.User) change.after())));
            project(change);
        } else if (change.row() instanceof ShopRow.Address a) {
            ShopRow.Address after = (ShopRow.Address) change.after();
            side(ADDRESSES, new DimensionInput.Row(a.addressId(), version, change.snapshot(),
                    after == null ? null : new String[] {after.fullAddress()}));
            project(change);
        } else if (change.row() instanceof ShopRow.Order o) {
            ShopRow.Order before = (ShopRow.Order) change.before();
            ShopRow.Order after = (ShopRow.Order) change.after();
            emit(new OrderInput.OrderRow(o.orderId(), version, after));
            membership(USERS, o.orderId(), change, before == null ? null : before.userId(),
                    after == null ? null : after.userId());
            membership(ADDRESSES, o.orderId(), change, before == null ? null : before.addressId(),
                    after == null ? null : after.addressId());
            project(change);
        } else if (change.row() instanceof ShopRow.Item i) {
            ShopRow.Item before = (ShopRow.Item) change.before();
            ShopRow.Item after = (ShopRow.Item) change.after();
            if (before != null && (after == null || before.orderId() != after.orderId())) {
                emit(new OrderInput.Item(before.orderId(), i.itemId(), version, null));
            }
            if (after != null) {
                emit(new OrderInput.Item(after.orderId(), i.itemId(), version, after));
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendRun();
    }

    @Override
    public void finish() throws Exception {
        sendRun();
        super.finish();
    }

    private void sendRun() {
        if (!run.isEmpty()) {
            emit(new OrderInput.Items(run.get(0).orderId(), run.toArray(new OrderInput.Item[0])));
            run.clear();
        }
    }

    private void emit(OrderInput input) {
        output.collect(new StreamRecord<>(input));
    }

    private <T> void side(OutputTag<T> tag, T value) {
        output.collect(tag, new StreamRecord<>(value));
    }

    /** name, email, phone: what order_details shows of a user. */
    static String[] userValues(ShopRow.User user) {
        return user == null ? null : new String[] {user.name(), user.email(), user.phone()};
    }

    private void membership(OutputTag<DimensionInput> fanout, long orderId, ShopChange change, Long before, Long after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            side(fanout, new DimensionInput.Membership(before, orderId, change.version(), change.snapshot(), false));
        }
        if (after != null) {
            side(fanout, new DimensionInput.Membership(after, orderId, change.version(), change.snapshot(), true));
        }
    }

    private void project(ShopChange change) {
        ShopRow after = change.after();
        ReadModelWrite write = after == null
                ? new ReadModelWrite.Deletion(ReadModelTable.projectionOf(change.before()), change.before().id(),
                        change.version())
                : new ReadModelWrite.Projection(after, change.version());
        side(PROJECTIONS, write);
    }
}
