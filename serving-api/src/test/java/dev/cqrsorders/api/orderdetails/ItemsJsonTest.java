package dev.cqrsorders.api.orderdetails;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ItemsJsonTest {
    private final ItemsJson itemsJson = new ItemsJson(ObjectMapper.getDefault());

    @Test
    void readsItemsInItemIdOrderWithTwoDecimalMoney() {
        List<OrderItem> items = itemsJson.read("""
                [{"item_id": 12, "product_name": "Pizza", "quantity": 9, "price": "77.11", "line_total": "693.99"},
                 {"item_id": 3, "product_name": "Cola", "quantity": 2, "price": 1.5, "line_total": 3}]""");

        assertThat(items).containsExactly(
                new OrderItem(3, "Cola", 2, "1.50", "3.00"),
                new OrderItem(12, "Pizza", 9, "77.11", "693.99"));
    }

    @Test
    void noItems() {
        assertThat(itemsJson.read("[]")).isEmpty();
    }
}
