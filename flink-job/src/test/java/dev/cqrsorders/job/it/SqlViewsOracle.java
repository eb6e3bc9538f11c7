package dev.cqrsorders.job.it;

import dev.cqrsorders.job.ReadModelState;
import dev.cqrsorders.job.sql.ConnectionOptions;
import dev.cqrsorders.job.sql.SqlScript;
import dev.cqrsorders.servers.Ports;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read model as sql/flink/03-views.sql states it, computed by Flink SQL from the same MySQL database and topic
 * the job reads — the SQL client's catalog, connection options set as ./sql-client.sh sets them. The second oracle:
 * the job's PostgreSQL rows must equal {@code order_details_view}'s.
 */
final class SqlViewsOracle implements AutoCloseable {
    private final TableResult result;
    private final List<String> columns;
    private final Map<Long, Row> rows = new HashMap<>();
    private final Thread reader;
    private volatile Throwable failure;

    private SqlViewsOracle(TableResult result) {
        this.result = result;
        this.columns = result.getResolvedSchema().getColumnNames();
        this.reader = new Thread(this::read, "sql-views-oracle");
        reader.setDaemon(true);
        reader.start();
    }

    static SqlViewsOracle start(JobFixture fixture) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // the CDC tables switch from their snapshot to the binlog at a checkpoint
        env.enableCheckpointing(1000);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        SqlScript.run(tEnv, "00-functions.sql");
        SqlScript.run(tEnv, "01-cdc-sources.sql");
        SqlScript.run(tEnv, "02-order-updates-source.sql");
        var c = fixture.mysql.credentials();
        ConnectionOptions options = new ConnectionOptions()
                .set("mysql-cdc", Map.of("hostname", Ports.LOOPBACK, "port", Integer.toString(fixture.mysql.port()),
                        "database-name", fixture.name, "username", c.mysqlCdcUser(), "password", c.mysqlCdcPassword()))
                .set("kafka", Map.of("properties.bootstrap.servers", fixture.kafka.bootstrapServers(),
                        "topic", fixture.name + "_order_updates", "properties.group.id", fixture.name + "-sql-oracle"));
        int base = 8000 + Math.floorMod(fixture.name.hashCode(), 100) * 40;
        String[] tables = {"shop_users", "shop_addresses", "shop_orders", "shop_order_items"};
        for (int i = 0; i < tables.length; i++) {
            options.setForTable(tables[i], Map.of("server-id", (base + i * 10) + "-" + (base + i * 10 + 9)));
        }
        options.applyTo(tEnv);
        SqlScript.run(tEnv, "client/02-order-updates-valid.sql");
        SqlScript.run(tEnv, "03-views.sql");
        return new SqlViewsOracle(tEnv.executeSql("SELECT * FROM order_details_view"));
    }

    private void read() {
        ReadModelState state = new ReadModelState("order_id");
        try (CloseableIterator<Row> changes = result.collect()) {
            while (changes.hasNext()) {
                Row change = changes.next();
                synchronized (rows) {
                    state.apply(change);
                    rows.clear();
                    rows.putAll(state.rows());
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The view's rows now, in {@link JobFixture#orderDetails()}'s text form. */
    Map<Long, Map<String, String>> orderDetails() {
        if (failure != null && !(failure instanceof InterruptedException)) {
            throw new IllegalStateException("the SQL views failed", failure);
        }
        Map<Long, Map<String, String>> out = new TreeMap<>();
        synchronized (rows) {
            rows.forEach((id, row) -> {
                Map<String, String> text = new TreeMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    text.put(columns.get(i), text(row.getField(i)));
                }
                text.put("items", ReadModelOracle.canonicalJson(text.get("items")));
                out.put(id, text);
            });
        }
        return out;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return RandomHistory.SQL_TIME.format(t);
        }
        return value.toString();
    }

    @Override
    public void close() throws Exception {
        result.getJobClient().ifPresent(job -> job.cancel());
        reader.interrupt();
    }
}
