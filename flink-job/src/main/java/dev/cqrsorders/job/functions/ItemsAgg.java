package dev.cqrsorders.job.functions;

import dev.cqrsorders.job.assemble.ItemLines;
import dev.cqrsorders.job.shop.ShopRow;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code items_agg(item_id, product_name, quantity, price)} per order: item count, sum of line totals, the text
 * rendering and the JSON array, in item_id order, rendered by the job's own {@link ItemLines}. The accumulator holds
 * the current lines by item_id, so updates and deletes of single items retract exactly that line and the output
 * never depends on arrival order.
 */
@FunctionHint(output = @DataTypeHint(
        "ROW<item_count INT, items_total DECIMAL(14, 2), details STRING, items_json STRING>"))
public class ItemsAgg extends AggregateFunction<Row, ItemsAgg.Accumulator> {

    public static class Accumulator {
        @DataTypeHint("MAP<BIGINT, ROW<product_name STRING, quantity INT, price DECIMAL(12, 2)>>")
        public Map<Long, Row> lines = new HashMap<>();
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    public void accumulate(Accumulator acc, Long itemId, String productName, Integer quantity,
                           @DataTypeHint("DECIMAL(12, 2)") BigDecimal price) {
        if (itemId != null) {
            acc.lines.put(itemId, Row.of(productName, quantity, price));
        }
    }

    public void retract(Accumulator acc, Long itemId, String productName, Integer quantity,
                        @DataTypeHint("DECIMAL(12, 2)") BigDecimal price) {
        if (itemId == null) {
            return;
        }
        // only retract the line as it was: a retraction overtaken by the item's newer version must not remove it
        Row current = acc.lines.get(itemId);
        if (current != null && Objects.equals(current.getField(0), productName)
                && Objects.equals(current.getField(1), quantity) && sameAmount((BigDecimal) current.getField(2), price)) {
            acc.lines.remove(itemId);
        }
    }

    public void resetAccumulator(Accumulator acc) {
        acc.lines.clear();
    }

    @Override
    public Row getValue(Accumulator acc) {
        ItemLines lines = ItemLines.sorted(acc.lines.entrySet().stream()
                .map(e -> new ShopRow.Item(e.getKey(), 0,
                        Objects.toString(e.getValue().getField(0), ""),
                        e.getValue().getField(1) == null ? 0 : (Integer) e.getValue().getField(1),
                        cents((BigDecimal) e.getValue().getField(2))))
                .toList());
        return Row.of(lines.count(), BigDecimal.valueOf(lines.totalCents(), 2), lines.details(), lines.json());
    }

    private static long cents(BigDecimal price) {
        return price == null ? 0 : price.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
