package dev.cqrsorders.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import static dev.cqrsorders.job.ShopChangelog.at;
import static org.apache.flink.types.RowKind.DELETE;
import static org.apache.flink.types.RowKind.INSERT;
import static org.apache.flink.types.RowKind.UPDATE_AFTER;
import static org.apache.flink.types.RowKind.UPDATE_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;

/** The business query of sql/flink/03-views.sql on in-memory changelogs: no servers. */
class OrderDetailsQueryTest {

    private static ReadModelState details(ShopChangelog shop) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tEnv = shop.register(env);
        return ShopChangelog.materialize(tEnv.from("order_details_view"), "order_id");
    }

    private static ShopChangelog oneOrder() {
        return new ShopChangelog()
                .user(INSERT, 1, "Ada Lovelace", "ada@example.com", "+44 20 1234")
                .address(INSERT, 10, 1, "12 Main St", "Springfield", "IL", "62701", "USA")
                .order(INSERT, 100, 1, 10L, "391.12", "created", at(0));
    }

    @Test
    void rendersADenormalizedRowPerOrder() throws Exception {
        ShopChangelog shop = oneOrder()
                .item(INSERT, 2, 100, "Widget", 9, "77.11")
                .item(INSERT, 1, 100, "Gadget", 1, "5");

        Row row = details(shop).get(100);

        assertThat(row.<Long>getFieldAs("user_id")).isEqualTo(1L);
        assertThat(row.<String>getFieldAs("user_name")).isEqualTo("Ada Lovelace");
        assertThat(row.<String>getFieldAs("user_email")).isEqualTo("ada@example.com");
        assertThat(row.<String>getFieldAs("user_phone")).isEqualTo("+44 20 1234");
        assertThat(row.<String>getFieldAs("full_address")).isEqualTo("12 Main St, Springfield, IL, 62701, USA");
        assertThat(row.<BigDecimal>getFieldAs("total")).isEqualByComparingTo("391.12");
        assertStatus(row, "created", at(0));
        assertThat(row.<Integer>getFieldAs("item_count")).isEqualTo(2);
        assertThat(row.<BigDecimal>getFieldAs("items_total")).isEqualByComparingTo("698.99");
        assertThat(row.<String>getFieldAs("order_items_details"))
                .isEqualTo("Gadget (Qty: 1, Price: 5.00, Total: 5.00); Widget (Qty: 9, Price: 77.11, Total: 693.99)");
        assertThat(row.<String>getFieldAs("items")).isEqualTo("[{\"item_id\":1,\"product_name\":\"Gadget\","
                + "\"quantity\":1,\"price\":\"5.00\",\"line_total\":\"5.00\"},{\"item_id\":2,\"product_name\":\"Widget\","
                + "\"quantity\":9,\"price\":\"77.11\",\"line_total\":\"693.99\"}]");
    }

    @Test
    void latestEventByEventTimeWinsWhateverTheArrivalOrder() throws Exception {
        ShopChangelog shop = oneOrder()
                .event("e3", 100, "ready", at(30))
                .event("e1", 100, "received", at(10))
                .event("e2", 100, "preparing", at(20))
                .event("e3", 100, "ready", at(30)); // duplicate

        assertStatus(details(shop).get(100), "ready", at(30));
    }

    @Test
    void onEqualTimestampsTheLaterLifecycleStageWins() throws Exception {
        ShopChangelog shop = oneOrder()
                .event("a", 100, "delivered", at(10))
                .event("b", 100, "picked_up", at(10))
                .event("c", 100, "cancelled", at(5));

        assertThat(details(shop).get(100).<String>getFieldAs("order_status")).isEqualTo("delivered");
    }

    @Test
    void theOrdersOwnNewerStatusBeatsOlderEvents() throws Exception {
        ShopChangelog shop = oneOrder()
                .event("a", 100, "preparing", at(10))
                .order(UPDATE_BEFORE, 100, 1, 10L, "391.12", "created", at(0))
                .order(UPDATE_AFTER, 100, 1, 10L, "391.12", "cancelled", at(20));

        assertStatus(details(shop).get(100), "cancelled", at(20));
    }

    @Test
    void theOrderServiceMayCorrectItsOwnStatusToAnOlderOne() throws Exception {
        // the contract's rule takes the order row as it is now: a correction by the order service counts as such
        ShopChangelog shop = oneOrder()
                .event("a", 100, "received", at(5))
                .order(UPDATE_BEFORE, 100, 1, 10L, "391.12", "created", at(0))
                .order(UPDATE_AFTER, 100, 1, 10L, "391.12", "ready", at(30))
                .order(UPDATE_BEFORE, 100, 1, 10L, "391.12", "ready", at(30))
                .order(UPDATE_AFTER, 100, 1, 10L, "391.12", "preparing", at(10));

        assertStatus(details(shop).get(100), "preparing", at(10));
    }

    @Test
    void eventsBeforeTheOrderExistsApplyOnceItArrives() throws Exception {
        ShopChangelog shop = new ShopChangelog()
                .event("early", 200, "preparing", at(50))
                .event("orphan", 999, "ready", at(50))
                .user(INSERT, 1, "Ada", "ada@example.com", null)
                .order(INSERT, 200, 1, null, "10.00", "created", at(0));

        ReadModelState state = details(shop);

        assertThat(state.rows()).containsOnlyKeys(200L);
        assertThat(state.get(200).<String>getFieldAs("order_status")).isEqualTo("preparing");
        assertThat(state.get(200).<String>getFieldAs("full_address")).isNull();
        assertThat(state.get(200).<Integer>getFieldAs("item_count")).isZero();
        assertThat(state.get(200).<String>getFieldAs("items")).isEqualTo("[]");
        assertThat(state.get(200).<String>getFieldAs("order_items_details")).isEmpty();
    }

    @Test
    void itemUpdatesAndDeletesRetractExactlyTheirLine() throws Exception {
        ShopChangelog shop = oneOrder()
                .item(INSERT, 1, 100, "Gadget", 1, "5.00")
                .item(INSERT, 2, 100, "Widget", 2, "3.50")
                .item(INSERT, 3, 100, "Doohickey", 1, "1.00")
                .item(UPDATE_BEFORE, 1, 100, "Gadget", 1, "5.00")
                .item(UPDATE_AFTER, 1, 100, "Gadget", 3, "5.00")
                .item(DELETE, 2, 100, "Widget", 2, "3.50");

        Row row = details(shop).get(100);

        assertThat(row.<Integer>getFieldAs("item_count")).isEqualTo(2);
        assertThat(row.<BigDecimal>getFieldAs("items_total")).isEqualByComparingTo("16.00");
        assertThat(row.<String>getFieldAs("order_items_details"))
                .isEqualTo("Gadget (Qty: 3, Price: 5.00, Total: 15.00); Doohickey (Qty: 1, Price: 1.00, Total: 1.00)");
    }

    @Test
    void userAndAddressChangesReRenderEveryOrderOfTheirs() throws Exception {
        ShopChangelog shop = oneOrder()
                .order(INSERT, 101, 1, 10L, "1.00", "created", at(0))
                .order(INSERT, 102, 2, null, "1.00", "created", at(0))
                .user(UPDATE_BEFORE, 1, "Ada Lovelace", "ada@example.com", "+44 20 1234")
                .user(UPDATE_AFTER, 1, "Ada King", "ada@example.com", "+44 20 9999")
                .address(UPDATE_BEFORE, 10, 1, "12 Main St", "Springfield", "IL", "62701", "USA")
                .address(UPDATE_AFTER, 10, 1, "1 New Rd", "Shelbyville", "IL", "62565", "USA");

        ReadModelState state = details(shop);

        for (long orderId : new long[] {100, 101}) {
            assertThat(state.get(orderId).<String>getFieldAs("user_name")).isEqualTo("Ada King");
            assertThat(state.get(orderId).<String>getFieldAs("user_phone")).isEqualTo("+44 20 9999");
            assertThat(state.get(orderId).<String>getFieldAs("full_address"))
                    .isEqualTo("1 New Rd, Shelbyville, IL, 62565, USA");
        }
        assertThat(state.get(102).<String>getFieldAs("user_name")).as("user 2 does not exist").isNull();
    }

    @Test
    void deletingAnOrderRemovesItsRow() throws Exception {
        ShopChangelog shop = oneOrder()
                .order(INSERT, 101, 1, 10L, "1.00", "created", at(0))
                .event("a", 100, "ready", at(10))
                .order(DELETE, 100, 1, 10L, "391.12", "created", at(0));

        assertThat(details(shop).rows()).containsOnlyKeys(101L);
    }

    private static void assertStatus(Row row, String status, LocalDateTime lastOrderUpdate) {
        assertThat(row.<String>getFieldAs("order_status")).isEqualTo(status);
        assertThat(row.<LocalDateTime>getFieldAs("last_order_update")).isEqualTo(lastOrderUpdate);
    }
}
