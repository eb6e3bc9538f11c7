package dev.cqrsorders.job.shop;

import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Decimal;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows of order_items as Debezium hands them over after the table changed shape online (SchemaChangeITCase end to end). */
class ShopChangeDeserializerTest {
    private static final long SNAPSHOT_VERSION = 42;

    @Test
    void columnsAreReadByNameWhereverTheyStandAndWhateverStandsBeside() {
        Schema row = SchemaBuilder.struct()
                .field("sku", Schema.OPTIONAL_STRING_SCHEMA)
                .field("price", Decimal.schema(2))
                .field("quantity", Schema.INT32_SCHEMA)
                .field("product_name", Schema.STRING_SCHEMA)
                .field("order_id", Schema.INT64_SCHEMA)
                .field("item_id", Schema.INT64_SCHEMA)
                .build();
        Struct item = new Struct(row).put("sku", "S-1").put("price", new BigDecimal("12.50")).put("quantity", 3)
                .put("product_name", "Lamp").put("order_id", 7L).put("item_id", 70L);

        assertThat(read(item).after()).isEqualTo(new ShopRow.Item(70, 7, "Lamp", 3, 1250));
    }

    @Test
    void integerColumnsWidenedToBigintAndDecimalsToMoreDigitsAreReadAsBefore() {
        Schema row = SchemaBuilder.struct()
                .field("item_id", Schema.INT64_SCHEMA)
                .field("order_id", Schema.INT64_SCHEMA)
                .field("product_name", Schema.STRING_SCHEMA)
                .field("quantity", Schema.INT64_SCHEMA)
                .field("price", Decimal.schema(4))
                .build();
        Struct item = new Struct(row).put("item_id", 70L).put("order_id", 7L).put("product_name", "Lamp")
                .put("quantity", 3L).put("price", new BigDecimal("12.5000"));

        assertThat(read(item).after()).isEqualTo(new ShopRow.Item(70, 7, "Lamp", 3, 1250));
    }

    /** A snapshot read ("r") of {@code after} from order_items. */
    private static ShopChange read(Struct after) {
        Schema source = SchemaBuilder.struct().field("table", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct()
                .field("before", SchemaBuilder.struct().optional().build())
                .field("after", after.schema())
                .field("source", source)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(envelope).put("after", after).put("op", "r")
                .put("source", new Struct(source).put("table", "order_items").put("ts_ms", 0L));
        List<ShopChange> out = new ArrayList<>();
        new ShopChangeDeserializer(SNAPSHOT_VERSION).deserialize(
                new SourceRecord(Map.of(), Map.of(), "shop.order_items", null, null, null, envelope, value),
                new ListCollector<>(out));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).version()).isEqualTo(SNAPSHOT_VERSION);
        return out.get(0);
    }
}
