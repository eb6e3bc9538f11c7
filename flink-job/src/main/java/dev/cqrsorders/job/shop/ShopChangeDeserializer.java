package dev.cqrsorders.job.shop;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns the CDC source's Debezium records of the four shop tables into {@link ShopChange}s: typed rows, the binlog
 * offset as the version ({@link BinlogVersion}). Rows of the initial snapshot get {@code snapshotVersion}, the binlog position the job
 * read before the snapshot began: they reflect the tables at or after that position, and every later binlog change
 * has a greater version.
 */
public final class ShopChangeDeserializer implements DebeziumDeserializationSchema<ShopChange> {
    private static final long serialVersionUID = 1L;

    private final long snapshotVersion;

    public ShopChangeDeserializer(long snapshotVersion) {
        this.snapshotVersion = snapshotVersion;
    }

    @Override
    public void deserialize(SourceRecord record, Collector<ShopChange> out) {
        Struct value = (Struct) record.value();
        if (value == null || value.schema().field("op") == null) {
            return; // not a row change
        }
        String op = value.getString("op");
        Struct source = value.getStruct("source");
        String table = source.getString("table");
        boolean snapshot = "r".equals(op);
        long version = snapshot ? snapshotVersion : BinlogVersion.of(record.sourceOffset());
        ShopRow before = row(table, value.getStruct("before"));
        ShopRow after = "d".equals(op) ? null : row(table, value.getStruct("after"));
        if (before == null && after == null) {
            return;
        }
        out.collect(new ShopChange(version, snapshot, "c".equals(op) || snapshot ? null : before, after));
    }

    static ShopRow row(String table, Struct s) {
        if (s == null) {
            return null;
        }
        return switch (table) {
            case "users" -> new ShopRow.User(s.getInt64("user_id"), s.getString("name"), s.getString("email"),
                    s.getString("phone"), millis(s, "created_at"), millis(s, "updated_at"));
            case "addresses" -> new ShopRow.Address(s.getInt64("address_id"), s.getInt64("user_id"),
                    s.getString("street"), s.getString("city"), s.getString("state"), s.getString("postal_code"),
                    s.getString("country"), millis(s, "created_at"));
            case "orders" -> new ShopRow.Order(s.getInt64("order_id"), s.getInt64("user_id"),
                    s.getInt64("address_id"), cents(s, "total"), s.getString("status"), millis(s, "order_date"),
                    millis(s, "updated_at"));
            case "order_items" -> new ShopRow.Item(s.getInt64("item_id"), s.getInt64("order_id"),
                    s.getString("product_name"), s.getInt32("quantity"), cents(s, "price"));
            default -> null;
        };
    }

    /** DATETIME(3) as UTC epoch milliseconds (Debezium: io.debezium.time.Timestamp; MicroTimestamp for (6)). */
    static long millis(Struct s, String name) {
        Field field = s.schema().field(name);
        Object value = s.get(field);
        if (value == null) {
            return 0;
        }
        long raw = ((Number) value).longValue();
        String logical = field.schema().name();
        if ("io.debezium.time.MicroTimestamp".equals(logical)) {
            return Math.floorDiv(raw, 1000);
        }
        if ("io.debezium.time.NanoTimestamp".equals(logical)) {
            return Math.floorDiv(raw, 1_000_000);
        }
        return raw;
    }

    /** DECIMAL(12,2) in cents. */
    static long cents(Struct s, String name) {
        Object value = s.get(name);
        if (value == null) {
            return 0;
        }
        return ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    @Override
    public TypeInformation<ShopChange> getProducedType() {
        return ShopChange.TYPE;
    }

}
