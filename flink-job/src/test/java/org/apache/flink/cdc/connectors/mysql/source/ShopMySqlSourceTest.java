package org.apache.flink.cdc.connectors.mysql.source;

import io.debezium.relational.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShopMySqlSourceTest {
    private static final List<TableId> AS_MYSQL_LISTS_THEM = List.of(table("addresses"), table("order_items"),
            table("orders"), table("users"));

    @Test
    void theSnapshotReadsTheTablesInTheOrderOfTheTableList() {
        assertThat(ShopMySqlSource.inListOrder(AS_MYSQL_LISTS_THEM,
                List.of("shop.users", "shop.addresses", "shop.order_items", "shop.orders")))
                .containsExactly(table("users"), table("addresses"), table("order_items"), table("orders"));
    }

    @Test
    void tablesTheListDoesNotNameComeLastInMySqlsOrder() {
        assertThat(ShopMySqlSource.inListOrder(AS_MYSQL_LISTS_THEM, List.of("shop.users", "shop.orders")))
                .containsExactly(table("users"), table("orders"), table("addresses"), table("order_items"));
    }

    private static TableId table(String name) {
        return new TableId("shop", null, name);
    }
}
