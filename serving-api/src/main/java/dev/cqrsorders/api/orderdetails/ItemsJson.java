package dev.cqrsorders.api.orderdetails;

import dev.cqrsorders.api.format.Money;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the stored {@code items} JSONB ([{item_id, product_name, quantity, price, line_total}]) into items in
 * {@code item_id} order, money as two-decimal strings whether stored as strings or numbers.
 */
@Singleton
public final class ItemsJson {
    private final JsonMapper jsonMapper;

    public ItemsJson(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public List<OrderItem> read(String json) {
        JsonNode array;
        try {
            array = jsonMapper.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("order_details.items is not JSON", e);
        }
        List<OrderItem> items = new ArrayList<>(array.size());
        for (JsonNode item : array.values()) {
            items.add(new OrderItem(
                    item.get("item_id").getLongValue(),
                    item.get("product_name").getStringValue(),
                    item.get("quantity").getIntValue(),
                    Money.format(decimal(item.get("price"))),
                    Money.format(decimal(item.get("line_total")))));
        }
        items.sort(Comparator.comparingLong(OrderItem::itemId));
        return items;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.getBigDecimalValue() : new BigDecimal(node.getStringValue());
    }
}
