package dev.cqrsorders.job.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
public final class ReadModelOracle {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<String> LIFECYCLE = List.of(RandomHistory.STATUSES);

    /** The read model's rows in the oracle's text form (timestamps to the millisecond, jsonb as text). */
    public static final String ORDER_DETAILS_QUERY = """
            SELECT order_id, user_id, user_name, user_email, user_phone, address_id, full_address, total,
                   to_char(order_date, 'YYYY-MM-DD HH24:MI:SS.MS') AS order_date, order_status,
                   to_char(last_order_update, 'YYYY-MM-DD HH24:MI:SS.MS') AS last_order_update,
                   item_count, items_total, order_items_details, items::text AS items
            FROM order_details""";

    private ReadModelOracle() {}

    /** Rows of {@code query} by {@code keyColumn}, columns by name, every value as text. */
    public static Map<Long, Map<String, String>> rows(Connection connection, String query, String keyColumn)
            throws SQLException {
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                rows.put(rs.getLong(keyColumn), row);
            }
        }
        return rows;
    }

    /** The read model's rows as {@link #orderDetails} computes them (items as canonical JSON). */
    public static Map<Long, Map<String, String>> readOrderDetails(Connection connection) throws SQLException {
        Map<Long, Map<String, String>> rows = rows(connection, ORDER_DETAILS_QUERY, "order_id");
        rows.values().forEach(row -> row.put("items", canonicalJson(row.get("items"))));
        return rows;
    }

    static Map<Long, Map<String, String>> orderDetails(RandomHistory h) {
        return orderDetails(h.users, h.addresses, h.orders.values(), h.items.values(), h.validEvents);
    }

    /** The rows for this write-model state (rows by id) and these valid events (duplicates allowed). */
    public static Map<Long, Map<String, String>> orderDetails(Map<Long, RandomHistory.User> users,
            Map<Long, RandomHistory.Address> addresses, Collection<RandomHistory.Order> orders,
            Collection<RandomHistory.Item> allItems, Collection<RandomHistory.Event> validEvents) {
        Map<Long, List<RandomHistory.Event>> eventsByOrder = new HashMap<>();
        for (RandomHistory.Event e : validEvents) {
            eventsByOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e);
        }
        Map<Long, List<RandomHistory.Item>> itemsByOrder = new HashMap<>();
        for (RandomHistory.Item i : allItems) {
            itemsByOrder.computeIfAbsent(i.orderId(), k -> new ArrayList<>()).add(i);
        }
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        for (RandomHistory.Order o : orders) {
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
            RandomHistory.User user = users.get(o.userId());
            RandomHistory.Address address = o.addressId() == null ? null : addresses.get(o.addressId());
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

    /** Up to 10 orders whose rows differ, each field that differs as "expected -> actual". */
    public static Map<Long, String> differences(Map<Long, Map<String, String>> expected, Map<Long, Map<String, String>> actual) {
        Map<Long, String> out = new TreeMap<>();
        java.util.Set<Long> ids = new java.util.TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        for (Long id : ids) {
            Map<String, String> e = expected.get(id);
            Map<String, String> a = actual.get(id);
            if (e == null || a == null) {
                out.put(id, e == null ? "unexpected row " + a : "missing row " + e);
            } else if (!e.equals(a)) {
                StringBuilder fields = new StringBuilder();
                e.forEach((k, v) -> {
                    if (!java.util.Objects.equals(v, a.get(k))) {
                        fields.append(k).append(": ").append(v).append(" -> ").append(a.get(k)).append("; ");
                    }
                });
                out.put(id, fields.toString());
            }
            if (out.size() == 10) {
                break;
            }
        }
        return out;
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

    public static String canonicalJson(String text) {
        try {
            return json(JSON.readValue(text, Object.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
