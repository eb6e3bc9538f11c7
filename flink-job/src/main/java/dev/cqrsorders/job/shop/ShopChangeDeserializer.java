package dev.cqrsorders.job.shop;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
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
        Long sourceTime = source.getInt64("ts_ms");
        out.collect(new ShopChange(version, snapshot, "c".equals(op) || snapshot ? null : before, after,
                sourceTime == null ? -1 : sourceTime));
    }

    private static final Map<String, String[]> COLUMNS = Map.of(
            "users", new String[] {"user_id", "name", "email", "phone", "created_at", "updated_at"},
            "addresses", new String[] {"address_id", "user_id", "street", "city", "state", "postal_code", "country",
                    "created_at"},
            "orders", new String[] {"order_id", "user_id", "address_id", "total", "status", "order_date", "updated_at"},
            "order_items", new String[] {"item_id", "order_id", "product_name", "quantity", "price"});

    /** Each table's fields by position, per schema (Debezium reuses one schema object per table version). */
    private transient Map<Schema, Field[]> fields;

    ShopRow row(String table, Struct s) {
        if (s == null || !COLUMNS.containsKey(table)) {
            return null;
        }
        if (fields == null) {
            fields = new IdentityHashMap<>();
        }
        Field[] f = fields.computeIfAbsent(s.schema(), schema -> Arrays.stream(COLUMNS.get(table))
                .map(name -> Objects.requireNonNull(schema.field(name), () -> table + " has no column " + name))
                .toArray(Field[]::new));
        return switch (table) {
            case "users" -> new ShopRow.User(integer(s, f[0]), (String) s.get(f[1]), (String) s.get(f[2]),
                    (String) s.get(f[3]), millis(s, f[4]), millis(s, f[5]));
            case "addresses" -> new ShopRow.Address(integer(s, f[0]), integer(s, f[1]), (String) s.get(f[2]),
                    (String) s.get(f[3]), (String) s.get(f[4]), (String) s.get(f[5]), (String) s.get(f[6]),
                    millis(s, f[7]));
            case "orders" -> new ShopRow.Order(integer(s, f[0]), integer(s, f[1]), integer(s, f[2]),
                    cents(s, f[3]), (String) s.get(f[4]), millis(s, f[5]), millis(s, f[6]));
            default -> new ShopRow.Item(integer(s, f[0]), integer(s, f[1]), (String) s.get(f[2]),
                    Math.toIntExact(integer(s, f[3])), cents(s, f[4]));
        };
    }

    /**
     * An integer column as a Long (null stays null), whatever its width: a column widened online (INT to BIGINT, as a
     * DBA does to a growing column) is read on, its values as before.
     */
    static Long integer(Struct s, Field field) {
        Object value = s.get(field);
        return value == null ? null : ((Number) value).longValue();
    }

    /** DATETIME(3) as UTC epoch milliseconds (Debezium: io.debezium.time.Timestamp; MicroTimestamp for (6)). */
    static long millis(Struct s, Field field) {
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
    static long cents(Struct s, Field field) {
        Object value = s.get(field);
        if (value == null) {
            return 0;
        }
        // scale 0 keeps the compact long: unscaledValue() would build a BigInteger per value
        return ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).scaleByPowerOfTen(2).longValueExact();
    }

    @Override
    public TypeInformation<ShopChange> getProducedType() {
        return ShopChange.TYPE;
    }

}
