package dev.cqrsorders.job.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The read model computed in plain Java from a {@link RandomHistory}, independently of Flink and of the job's code:
 * the contract's rules written out directly. Rows use the text form {@link JobFixture#orderDetails()} reads.
 */
final class ReadModelOracle {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<String> LIFECYCLE = List.of(RandomHistory.STATUSES);

    private ReadModelOracle() {}

    static Map<Long, Map<String, String>> orderDetails(RandomHistory h) {
        Map<Long, List<RandomHistory.Event>> eventsByOrder = new HashMap<>();
        for (RandomHistory.Event e : h.validEvents) {
            eventsByOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e);
        }
        Map<Long, List<RandomHistory.Item>> itemsByOrder = new HashMap<>();
        for (RandomHistory.Item i : h.items.values()) {
            itemsByOrder.computeIfAbsent(i.orderId(), k -> new ArrayList<>()).add(i);
        }
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        for (RandomHistory.Order o : h.orders.values()) {
            // the status with the latest timestamp; on equal timestamps the later lifecycle stage
            String status = o.status();
            LocalDateTime statusTime = o.updatedAt();
            for (RandomHistory.Event e : eventsByOrder.getOrDefault(o.id(), List.of())) {
                int byTime = e.time().compareTo(statusTime);
                if (byTime > 0 || byTime == 0 && LIFECYCLE.indexOf(e.status()) > LIFECYCLE.indexOf(status)) {
                    status = e.status();
                    statusTime = e.time();
                }
            }
            RandomHistory.User user = h.users.get(o.userId());
            RandomHistory.Address address = o.addressId() == null ? null : h.addresses.get(o.addressId());
            List<RandomHistory.Item> items = new ArrayList<>(itemsByOrder.getOrDefault(o.id(), List.of()));
            items.sort(Comparator.comparingLong(RandomHistory.Item::id));

            Map<String, String> row = new TreeMap<>();
            row.put("order_id", Long.toString(o.id()));
            row.put("user_id", Long.toString(o.userId()));
            row.put("user_name", user == null ? null : user.name());
            row.put("user_email", user == null ? null : user.email());
            row.put("user_phone", user == null ? null : user.phone());
            row.put("address_id", o.addressId() == null ? null : Long.toString(o.addressId()));
            row.put("full_address", address == null ? null : String.join(", ", address.street(), address.city(),
                    address.state(), address.postalCode(), address.country()));
            row.put("total", o.total().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            row.put("order_date", RandomHistory.SQL_TIME.format(o.orderDate()));
            row.put("order_status", status);
            row.put("last_order_update", RandomHistory.SQL_TIME.format(statusTime));
            row.put("item_count", Integer.toString(items.size()));
            row.put("items_total", items.stream().map(ReadModelOracle::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            row.put("order_items_details", items.stream().map(i -> i.product() + " (Qty: " + i.quantity() + ", Price: "
                    + i.price().setScale(2, RoundingMode.UNNECESSARY) + ", Total: " + lineTotal(i) + ")")
                    .collect(Collectors.joining("; ")));
            row.put("items", json(items.stream().map(i -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("item_id", i.id());
                item.put("product_name", i.product());
                item.put("quantity", i.quantity());
                item.put("price", i.price().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
                item.put("line_total", lineTotal(i).toPlainString());
                return item;
            }).toList()));
            rows.put(o.id(), row);
        }
        return rows;
    }

    private static BigDecimal lineTotal(RandomHistory.Item i) {
        return i.price().multiply(BigDecimal.valueOf(i.quantity())).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Canonical JSON text (keys sorted), to compare with PostgreSQL's jsonb output. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonicalJson(String text) {
        try {
            return json(JSON.readValue(text, Object.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
