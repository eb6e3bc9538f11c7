package dev.cqrsorders.seed.shop;

import dev.cqrsorders.seed.shop.ShopRows.AddressRow;
import dev.cqrsorders.seed.shop.ShopRows.ItemRow;
import dev.cqrsorders.seed.shop.ShopRows.NextIds;
import dev.cqrsorders.seed.shop.ShopRows.OrderRow;
import dev.cqrsorders.seed.shop.ShopRows.UserRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ShopGeneratorsTest {
    private static final Instant UNTIL = Instant.parse("2026-11-26T12:00:00Z");
    private static final NextIds FIRST_IDS = new NextIds(101, 201, 1001, 5001);
    private static GeneratedShopData data;

    @BeforeAll
    static void generate() {
        data = GeneratedShopData.generate(42, FIRST_IDS, UNTIL, 30, 300, 3000, 100);
    }

    @Test
    void theSameSeedGivesTheSameRowsWhateverTheBatchSize() {
        GeneratedShopData again = GeneratedShopData.generate(42, FIRST_IDS, UNTIL, 30, 300, 3000, 7);
        GeneratedShopData otherSeed = GeneratedShopData.generate(43, FIRST_IDS, UNTIL, 30, 300, 3000, 100);

        assertThat(again).isEqualTo(data);
        assertThat(otherSeed.users()).isNotEqualTo(data.users());
        assertThat(otherSeed.orders()).isNotEqualTo(data.orders());
    }

    @Test
    void idsContinueFromTheFirstIdsWithoutGaps() {
        assertThat(data.users()).extracting(UserRow::userId).first().isEqualTo(101L);
        assertThat(data.users()).extracting(UserRow::userId).last().isEqualTo(400L);
        assertConsecutive(data.addresses().stream().map(AddressRow::addressId).toList(), 201);
        assertConsecutive(data.orders().stream().map(OrderRow::orderId).toList(), 1001);
        assertConsecutive(data.items().stream().map(ItemRow::itemId).toList(), 5001);
    }

    @Test
    void usersHaveOneToThreeAddressesAndUniqueRealisticContacts() {
        Map<Long, Long> addressesPerUser = data.addresses().stream()
                .collect(Collectors.groupingBy(AddressRow::userId, Collectors.counting()));
        assertThat(addressesPerUser).hasSize(300);
        assertThat(addressesPerUser.values()).allMatch(n -> n >= 1 && n <= 3).contains(1L, 2L, 3L);
        assertThat(data.users()).extracting(UserRow::email).doesNotHaveDuplicates()
                .allMatch(email -> email.matches("[a-z0-9]+\\.[a-z0-9]+\\.\\d+@[a-z0-9.-]+\\.[a-z]+"));
        assertThat(data.users()).allMatch(user -> user.name().contains(" ") && user.phone().matches(".*\\d{3}.*"));
        assertThat(data.addresses()).allMatch(a -> !a.street().isBlank() && !a.city().isBlank()
                && a.state().matches("[A-Z]{2}") && a.postalCode().matches("\\d{5}(-\\d{4})?")
                && a.country().equals("United States"));
    }

    @Test
    void ordersHaveOneToFiveItemsAndTheirTotalIsTheSumOfTheLines() {
        Map<Long, List<ItemRow>> itemsByOrder = data.items().stream().collect(Collectors.groupingBy(ItemRow::orderId));
        assertThat(itemsByOrder.keySet()).containsExactlyInAnyOrderElementsOf(
                data.orders().stream().map(OrderRow::orderId).toList());
        for (OrderRow order : data.orders()) {
            List<ItemRow> items = itemsByOrder.get(order.orderId());
            assertThat(items).hasSizeBetween(1, 5);
            assertThat(order.totalCents()).isEqualTo(items.stream().mapToLong(ItemRow::lineTotalCents).sum());
        }
        assertThat(itemsByOrder.values().stream().map(List::size).distinct()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(data.items()).allMatch(item -> item.quantity() >= 1 && item.priceCents() >= 100
                && !item.productName().isBlank());
    }

    @Test
    void aProductAlwaysCostsTheSame() {
        Map<String, Long> prices = new HashMap<>();
        for (ItemRow item : data.items()) {
            assertThat(prices.computeIfAbsent(item.productName(), name -> item.priceCents()))
                    .isEqualTo(item.priceCents());
        }
        assertThat(prices.size()).isGreaterThan(100);
    }

    @Test
    void ordersShipToAnAddressOfTheirUserWithinTheWindowAfterTheUserRegistered() {
        Map<Long, AddressRow> addresses = data.addresses().stream()
                .collect(Collectors.toMap(AddressRow::addressId, Function.identity()));
        Map<Long, UserRow> users = data.users().stream().collect(Collectors.toMap(UserRow::userId, Function.identity()));
        LocalDateTime windowStart = LocalDateTime.ofInstant(UNTIL.minusSeconds(30L * 86400), ZoneOffset.UTC);
        LocalDateTime windowEnd = LocalDateTime.ofInstant(UNTIL, ZoneOffset.UTC);
        for (OrderRow order : data.orders()) {
            assertThat(addresses.get(order.addressId()).userId()).isEqualTo(order.userId());
            assertThat(order.orderDate()).isAfterOrEqualTo(windowStart).isBefore(windowEnd);
            assertThat(users.get(order.userId()).createdAt()).isBefore(order.orderDate());
        }
        // spread over the window, not bunched
        assertThat(data.orders().stream().map(o -> o.orderDate().toLocalDate()).distinct().count()).isGreaterThan(25);
    }

    private static void assertConsecutive(List<Long> ids, long first) {
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(first + i);
        }
    }
}
