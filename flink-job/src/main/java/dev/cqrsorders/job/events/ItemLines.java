package dev.cqrsorders.job.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an order's item lines the way the read model shows them, always in item_id order. */
public final class ItemLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Line(long itemId, String productName, int quantity, BigDecimal price) {
        public BigDecimal lineTotal() {
            return money(price.multiply(BigDecimal.valueOf(quantity)));
        }
    }

    private final List<Line> lines;

    public ItemLines(Collection<Line> lines) {
        this.lines = lines.stream().sorted(Comparator.comparingLong(Line::itemId)).toList();
    }

    public int count() {
        return lines.size();
    }

    public BigDecimal total() {
        return money(lines.stream().map(Line::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** {@code Product (Qty: 9, Price: 77.11, Total: 693.99); Other (Qty: 1, Price: 5.00, Total: 5.00)}. */
    public String details() {
        return lines.stream()
                .map(l -> l.productName() + " (Qty: " + l.quantity() + ", Price: " + money(l.price()).toPlainString()
                        + ", Total: " + l.lineTotal().toPlainString() + ")")
                .collect(Collectors.joining("; "));
    }

    /** {@code [{"item_id":1,"product_name":"…","quantity":9,"price":"77.11","line_total":"693.99"}]}. */
    public String json() {
        ArrayNode array = JSON.createArrayNode();
        for (Line l : lines) {
            ObjectNode item = array.addObject();
            item.put("item_id", l.itemId());
            item.put("product_name", l.productName());
            item.put("quantity", l.quantity());
            item.put("price", money(l.price()).toPlainString());
            item.put("line_total", l.lineTotal().toPlainString());
        }
        return array.toString();
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
