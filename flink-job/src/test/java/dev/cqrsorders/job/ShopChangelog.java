package dev.cqrsorders.job;

import dev.cqrsorders.job.sql.SqlScript;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory stand-ins for the CDC and event tables: the business query (03-views.sql) runs on them exactly as on the
 * connectors, with no server (the SpendReport pattern of flink-playgrounds).
 */
final class ShopChangelog {
    static final TypeInformation<Row> USER = Types.ROW_NAMED(
            new String[] {"user_id", "name", "email", "phone", "created_at", "updated_at"},
            Types.LONG, Types.STRING, Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME, Types.LOCAL_DATE_TIME);
    static final TypeInformation<Row> ADDRESS = Types.ROW_NAMED(
            new String[] {"address_id", "user_id", "street", "city", "state", "postal_code", "country", "created_at"},
            Types.LONG, Types.LONG, Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.STRING,
            Types.LOCAL_DATE_TIME);
    static final TypeInformation<Row> ORDER = Types.ROW_NAMED(
            new String[] {"order_id", "user_id", "address_id", "total", "status", "order_date", "updated_at"},
            Types.LONG, Types.LONG, Types.LONG, Types.BIG_DEC, Types.STRING, Types.LOCAL_DATE_TIME,
            Types.LOCAL_DATE_TIME);
    static final TypeInformation<Row> ITEM = Types.ROW_NAMED(
            new String[] {"item_id", "order_id", "product_name", "quantity", "price"},
            Types.LONG, Types.LONG, Types.STRING, Types.INT, Types.BIG_DEC);
    static final TypeInformation<Row> EVENT = Types.ROW_NAMED(
            new String[] {"event_id", "order_id", "status", "source", "event_time"},
            Types.STRING, Types.LONG, Types.STRING, Types.STRING, Types.LOCAL_DATE_TIME);

    static final LocalDateTime T0 = LocalDateTime.parse("2026-11-26T12:00:00");

    final List<Row> users = new ArrayList<>();
    final List<Row> addresses = new ArrayList<>();
    final List<Row> orders = new ArrayList<>();
    final List<Row> items = new ArrayList<>();
    final List<Row> events = new ArrayList<>();

    static LocalDateTime at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    ShopChangelog user(RowKind kind, long id, String name, String email, String phone) {
        users.add(Row.ofKind(kind, id, name, email, phone, T0, T0));
        return this;
    }

    ShopChangelog address(RowKind kind, long id, long userId, String street, String city, String state,
                          String postalCode, String country) {
        addresses.add(Row.ofKind(kind, id, userId, street, city, state, postalCode, country, T0));
        return this;
    }

    ShopChangelog order(RowKind kind, long id, long userId, Long addressId, String total, String status,
                        LocalDateTime updatedAt) {
        orders.add(Row.ofKind(kind, id, userId, addressId, new BigDecimal(total), status, T0, updatedAt));
        return this;
    }

    ShopChangelog item(RowKind kind, long id, long orderId, String product, int quantity, String price) {
        items.add(Row.ofKind(kind, id, orderId, product, quantity, new BigDecimal(price)));
        return this;
    }

    ShopChangelog event(String eventId, long orderId, String status, LocalDateTime eventTime) {
        events.add(Row.of(eventId, orderId, status, "test", eventTime));
        return this;
    }

    /** Registers the inputs under the CDC/event table names and the functions and views of the real SQL files. */
    StreamTableEnvironment register(StreamExecutionEnvironment env) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        changelog(tEnv, env, "shop_users", users, USER, Schema.newBuilder()
                .column("user_id", DataTypes.BIGINT().notNull()).column("name", DataTypes.STRING())
                .column("email", DataTypes.STRING()).column("phone", DataTypes.STRING())
                .column("created_at", DataTypes.TIMESTAMP(3)).column("updated_at", DataTypes.TIMESTAMP(3))
                .primaryKey("user_id").build());
        changelog(tEnv, env, "shop_addresses", addresses, ADDRESS, Schema.newBuilder()
                .column("address_id", DataTypes.BIGINT().notNull()).column("user_id", DataTypes.BIGINT())
                .column("street", DataTypes.STRING()).column("city", DataTypes.STRING())
                .column("state", DataTypes.STRING()).column("postal_code", DataTypes.STRING())
                .column("country", DataTypes.STRING()).column("created_at", DataTypes.TIMESTAMP(3))
                .primaryKey("address_id").build());
        changelog(tEnv, env, "shop_orders", orders, ORDER, Schema.newBuilder()
                .column("order_id", DataTypes.BIGINT().notNull()).column("user_id", DataTypes.BIGINT())
                .column("address_id", DataTypes.BIGINT()).column("total", DataTypes.DECIMAL(12, 2))
                .column("status", DataTypes.STRING()).column("order_date", DataTypes.TIMESTAMP(3))
                .column("updated_at", DataTypes.TIMESTAMP(3))
                .primaryKey("order_id").build());
        changelog(tEnv, env, "shop_order_items", items, ITEM, Schema.newBuilder()
                .column("item_id", DataTypes.BIGINT().notNull()).column("order_id", DataTypes.BIGINT())
                .column("product_name", DataTypes.STRING()).column("quantity", DataTypes.INT())
                .column("price", DataTypes.DECIMAL(12, 2))
                .primaryKey("item_id").build());
        DataStream<Row> eventStream = env.fromData(events.isEmpty() ? List.of(Row.of("none", -1L, "created", "test", T0)) : events, EVENT)
                .filter(row -> (Long) row.getField(1) > 0).returns(EVENT);
        tEnv.createTemporaryView("order_updates_valid", tEnv.fromDataStream(eventStream, Schema.newBuilder()
                .column("event_id", DataTypes.STRING().notNull()).column("order_id", DataTypes.BIGINT().notNull())
                .column("status", DataTypes.STRING().notNull()).column("source", DataTypes.STRING().notNull())
                .column("event_time", DataTypes.TIMESTAMP(3).notNull()).build()));
        SqlScript.run(tEnv, "00-functions.sql");
        SqlScript.run(tEnv, "03-views.sql");
        return tEnv;
    }

    private static void changelog(StreamTableEnvironment tEnv, StreamExecutionEnvironment env, String name,
                                  List<Row> rows, TypeInformation<Row> type, Schema schema) {
        // an empty input still needs a stream: one row that is filtered out again
        List<Row> data = rows.isEmpty() ? List.of(placeholder(type)) : rows;
        DataStream<Row> stream = env.fromData(data, type).filter(row -> row.getField(0) != null).returns(type);
        tEnv.createTemporaryView(name, tEnv.fromChangelogStream(stream, schema, ChangelogMode.all()));
    }

    private static Row placeholder(TypeInformation<Row> type) {
        return new Row(RowKind.INSERT, type.getArity());
    }

    /** Runs the query to the end of the inputs and returns the final rows by key. */
    static ReadModelState materialize(Table table, String keyField) throws Exception {
        ReadModelState state = new ReadModelState(keyField);
        try (CloseableIterator<Row> changes = table.execute().collect()) {
            changes.forEachRemaining(state::apply);
        }
        return state;
    }
}
