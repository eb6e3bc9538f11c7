package dev.cqrsorders.job.assemble;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cqrsorders.job.shop.ShopRow;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An order's items as the read model shows them, always in item_id order: the count, the sum of the line totals,
 * {@code Product (Qty: 9, Price: 77.11, Total: 693.99); ...} and the JSON array
 * {@code [{"item_id":1,"product_name":"…","quantity":9,"price":"77.11","line_total":"693.99"}]}. Used by the job and
 * by the SQL function items_agg, so both render the same text.
 */
public final class ItemLines {
    private static final JsonFactory JSON = new JsonFactory();

    private final ShopRow.Item[] items;

    /** {@code items} must be sorted by item_id (see {@link #sorted}). */
    public ItemLines(ShopRow.Item[] items) {
        this.items = items;
    }

    public static ItemLines sorted(List<ShopRow.Item> items) {
        ShopRow.Item[] array = items.toArray(ShopRow.Item[]::new);
        Arrays.sort(array, Comparator.comparingLong(ShopRow.Item::itemId));
        return new ItemLines(array);
    }

    public int count() {
        return items.length;
    }

    public long totalCents() {
        long total = 0;
        for (ShopRow.Item item : items) {
            long line = item.lineTotalCents();
            long sum = total + line;
            // saturate instead of overflowing: PostgreSQL then refuses the row as out of range
            total = ((total ^ sum) & (line ^ sum)) < 0 ? (line < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
        }
        return total;
    }

    public String details() {
        StringBuilder out = new StringBuilder(items.length * 48);
        for (ShopRow.Item item : items) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(item.productName()).append(" (Qty: ").append(item.quantity())
                    .append(", Price: ").append(money(item.priceCents()))
                    .append(", Total: ").append(money(item.lineTotalCents())).append(')');
        }
        return out.toString();
    }

    public String json() {
        StringWriter text = new StringWriter(items.length * 96 + 2);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (ShopRow.Item item : items) {
                json.writeStartObject();
                json.writeNumberField("item_id", item.itemId());
                json.writeStringField("product_name", item.productName());
                json.writeNumberField("quantity", item.quantity());
                json.writeStringField("price", money(item.priceCents()));
                json.writeStringField("line_total", money(item.lineTotalCents()));
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Cents as a decimal string with two digits after the point: {@code 39112 → "391.12"}. What
     * {@code BigDecimal.valueOf(cents, 2).toPlainString()} writes, without a BigDecimal for each of an order's amounts.
     */
    public static String money(long cents) {
        if (cents == Long.MIN_VALUE) {
            return BigDecimal.valueOf(cents, 2).toPlainString();
        }
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        return (cents < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
