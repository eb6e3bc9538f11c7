package dev.cqrsorders.job.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random but reproducible history of the write model and the event stream: DML statements in a valid order
 * (inserts, updates, deletes of users, addresses, orders and items; orders moving between users and addresses) and
 * order_updates events placed at random points of that timeline — early (before their order exists), late (after
 * newer ones), duplicated, for orders that get deleted or never exist, with timestamp ties, plus malformed records.
 * The generator keeps the final write-model state for {@link ReadModelOracle}.
 */
public final class RandomHistory {
    public static final String[] STATUSES = {"created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled"};
    public static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    public static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    /** Orders of users that never exist reference user ids from here on; every other user exists and is never deleted. */
    public static final long MISSING_USER_IDS = 1_000_000;
    private static final LocalDateTime BASE = LocalDateTime.parse("2026-01-01T00:00:00");

    public record User(long id, String name, String email, String phone) {}
    public record Address(long id, long userId, String street, String city, String state, String postalCode, String country) {}
    public record Order(long id, long userId, Long addressId, BigDecimal total, String status, LocalDateTime orderDate,
                 LocalDateTime updatedAt) {}
    public record Item(long id, long orderId, String product, int quantity, BigDecimal price) {}
    public record Event(String eventId, long orderId, String status, LocalDateTime time) {}

    public sealed interface Step permits Sql, Send {}
    public record Sql(String statement) implements Step {}
    public record Send(String key, String value, Event event) implements Step {}

    public final Map<Long, User> users = new LinkedHashMap<>();
    public final Map<Long, Address> addresses = new LinkedHashMap<>();
    public final Map<Long, Order> orders = new LinkedHashMap<>();
    public final Map<Long, Item> items = new LinkedHashMap<>();
    public final List<Event> validEvents = new ArrayList<>();
    public final List<Step> steps = new ArrayList<>();
    public int dmlCount;
    public int sentCount;

    private final Random random;
    private long nextUser = 1;
    private long nextAddress = 1;
    private long nextOrder = 1;
    private long nextItem = 1;
    private int version;

    private RandomHistory(long seed) {
        this.random = new Random(seed);
    }

    public static RandomHistory generate(long seed, int userCount, int orderCount) {
        RandomHistory h = new RandomHistory(seed);
        List<Step> dml = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            h.insertUser(dml);
            int addressCount = 1 + h.random.nextInt(2);
            for (int a = 0; a < addressCount; a++) {
                h.insertAddress(dml, h.nextUser - 1);
            }
        }
        while (h.nextOrder <= orderCount) {
            int choice = h.random.nextInt(100);
            if (choice < 30 || h.orders.isEmpty()) {
                h.insertOrder(dml);
            } else if (choice < 42) {
                h.updateOrderStatus(dml);
            } else if (choice < 50) {
                h.updateOrderTotalOrOwner(dml);
            } else if (choice < 58) {
                h.updateUser(dml);
            } else if (choice < 64) {
                h.updateAddress(dml);
            } else if (choice < 74) {
                h.insertItem(dml);
            } else if (choice < 86) {
                h.updateItem(dml);
            } else if (choice < 94) {
                h.deleteItem(dml);
            } else if (choice < 97) {
                h.deleteOrder(dml);
            } else {
                h.insertAddress(dml, h.pick(h.users).id());
            }
        }
        h.dmlCount = dml.size();
        List<Send> sends = h.events(orderCount);
        h.sentCount = sends.size();
        h.interleave(dml, sends);
        return h;
    }

    private <T> T pick(Map<Long, T> map) {
        List<T> values = new ArrayList<>(map.values());
        return values.get(random.nextInt(values.size()));
    }

    private LocalDateTime time() {
        // whole seconds a third of the time, so events and order rows tie on timestamps
        long millis = random.nextInt(10 * 24 * 3600) * 1000L + (random.nextInt(3) == 0 ? 0 : random.nextInt(1000));
        return BASE.plusNanos(millis * 1_000_000);
    }

    /** Runs steps {@code [from, to)} against the fixture: SQL in transactions of 200 statements, events as they come. */
    public void replay(JobFixture fixture, int from, int to) throws Exception {
        try (Connection c = fixture.mysql(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int pending = 0;
            for (RandomHistory.Step step : steps.subList(from, to)) {
                if (step instanceof RandomHistory.Sql sql) {
                    s.addBatch(sql.statement());
                    if (++pending == 200) {
                        s.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                } else if (step instanceof RandomHistory.Send send) {
                    fixture.send(send.key(), send.value());
                }
            }
            s.executeBatch();
            c.commit();
        }
        fixture.flush();
    }

    private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a.plusSeconds(1) : b;
    }

    private BigDecimal money() {
        return BigDecimal.valueOf(random.nextInt(20_000) + 1, 2);
    }

    private void insertUser(List<Step> dml) {
        long id = nextUser++;
        User u = new User(id, "User " + id, "user" + id + "@example.com", random.nextInt(4) == 0 ? null : "+1-555-" + id);
        users.put(id, u);
        dml.add(new Sql("INSERT INTO users (user_id, name, email, phone, created_at, updated_at) VALUES (" + id + ", '"
                + u.name() + "', '" + u.email() + "', " + quote(u.phone()) + ", NOW(3), NOW(3))"));
    }

    private void updateUser(List<Step> dml) {
        User u = pick(users);
        User changed = new User(u.id(), "User " + u.id() + " v" + (++version), u.email(),
                random.nextBoolean() ? null : "+1-555-" + version);
        users.put(u.id(), changed);
        dml.add(new Sql("UPDATE users SET name = '" + changed.name() + "', phone = " + quote(changed.phone())
                + " WHERE user_id = " + u.id()));
    }

    private void insertAddress(List<Step> dml, long userId) {
        long id = nextAddress++;
        Address a = new Address(id, userId, id + " Main St", "City " + (id % 17), "S" + (id % 5), "9" + id, "Country");
        addresses.put(id, a);
        dml.add(new Sql("INSERT INTO addresses (address_id, user_id, street, city, state, postal_code, country) VALUES ("
                + id + ", " + userId + ", '" + a.street() + "', '" + a.city() + "', '" + a.state() + "', '"
                + a.postalCode() + "', '" + a.country() + "')"));
    }

    private void updateAddress(List<Step> dml) {
        Address a = pick(addresses);
        Address changed = new Address(a.id(), a.userId(), a.id() + " Side Rd v" + (++version), a.city(), a.state(),
                a.postalCode(), a.country());
        addresses.put(a.id(), changed);
        dml.add(new Sql("UPDATE addresses SET street = '" + changed.street() + "' WHERE address_id = " + a.id()));
    }

    private void insertOrder(List<Step> dml) {
        long id = nextOrder++;
        // some orders reference users/addresses that do not exist: the read model shows NULLs for them
        long userId = random.nextInt(40) == 0 ? MISSING_USER_IDS + id : pick(users).id();
        Long addressId = random.nextInt(10) == 0 ? null : pick(addresses).id();
        LocalDateTime at = time();
        Order o = new Order(id, userId, addressId, money(), "created", at, at);
        orders.put(id, o);
        dml.add(new Sql("INSERT INTO orders (order_id, user_id, address_id, total, status, order_date, updated_at) VALUES ("
                + id + ", " + userId + ", " + addressId + ", " + o.total() + ", 'created', '" + SQL_TIME.format(at)
                + "', '" + SQL_TIME.format(at) + "')"));
        int itemCount = 1 + random.nextInt(4);
        for (int i = 0; i < itemCount; i++) {
            insertItem(dml, id);
        }
    }

    private void updateOrderStatus(List<Step> dml) {
        Order o = pick(orders);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        // the order service stamps its own status changes with the time it makes them: forward in time, sometimes
        // to the millisecond of an event
        LocalDateTime at = random.nextInt(4) == 0 ? later(o.updatedAt(), time())
                : o.updatedAt().plusNanos((1 + random.nextInt(3_600_000)) * 1_000_000L);
        orders.put(o.id(), new Order(o.id(), o.userId(), o.addressId(), o.total(), status, o.orderDate(), at));
        dml.add(new Sql("UPDATE orders SET status = '" + status + "', updated_at = '" + SQL_TIME.format(at)
                + "' WHERE order_id = " + o.id()));
    }

    private void updateOrderTotalOrOwner(List<Step> dml) {
        Order o = pick(orders);
        if (random.nextBoolean()) {
            BigDecimal total = money();
            orders.put(o.id(), new Order(o.id(), o.userId(), o.addressId(), total, o.status(), o.orderDate(), o.updatedAt()));
            dml.add(new Sql("UPDATE orders SET total = " + total + " WHERE order_id = " + o.id()));
        } else {
            long userId = pick(users).id();
            Long addressId = random.nextInt(5) == 0 ? null : pick(addresses).id();
            orders.put(o.id(), new Order(o.id(), userId, addressId, o.total(), o.status(), o.orderDate(), o.updatedAt()));
            dml.add(new Sql("UPDATE orders SET user_id = " + userId + ", address_id = " + addressId
                    + " WHERE order_id = " + o.id()));
        }
    }

    private void insertItem(List<Step> dml) {
        insertItem(dml, pick(orders).id());
    }

    private void insertItem(List<Step> dml, long orderId) {
        long id = nextItem++;
        Item item = new Item(id, orderId, "Product " + (char) ('A' + random.nextInt(26)) + id, 1 + random.nextInt(9), money());
        items.put(id, item);
        dml.add(new Sql("INSERT INTO order_items (item_id, order_id, product_name, quantity, price) VALUES (" + id + ", "
                + orderId + ", '" + item.product() + "', " + item.quantity() + ", " + item.price() + ")"));
    }

    private void updateItem(List<Step> dml) {
        if (items.isEmpty()) {
            return;
        }
        Item i = pick(items);
        Item changed = new Item(i.id(), i.orderId(), i.product(), 1 + random.nextInt(9), money());
        items.put(i.id(), changed);
        dml.add(new Sql("UPDATE order_items SET quantity = " + changed.quantity() + ", price = " + changed.price()
                + " WHERE item_id = " + i.id()));
    }

    private void deleteItem(List<Step> dml) {
        if (items.isEmpty()) {
            return;
        }
        Item i = pick(items);
        items.remove(i.id());
        dml.add(new Sql("DELETE FROM order_items WHERE item_id = " + i.id()));
    }

    private void deleteOrder(List<Step> dml) {
        Order o = pick(orders);
        orders.remove(o.id());
        items.values().removeIf(i -> i.orderId() == o.id());
        dml.add(new Sql("DELETE FROM order_items WHERE order_id = " + o.id()));
        dml.add(new Sql("DELETE FROM orders WHERE order_id = " + o.id()));
    }

    /** Lifecycles for every order id ever used plus some that never exist, with duplicates and malformed records. */
    private List<Send> events(int orderCount) {
        List<Send> sends = new ArrayList<>();
        for (long orderId = 1; orderId <= orderCount + orderCount / 20; orderId++) {
            int length = 1 + random.nextInt(6);
            LocalDateTime at = time();
            for (int stage = 1; stage <= length; stage++) {
                String status = stage == length && random.nextInt(8) == 0 ? "cancelled" : STATUSES[Math.min(stage, 5)];
                at = random.nextInt(6) == 0 ? at : at.plusNanos((1 + random.nextInt(3_600_000)) * 1_000_000L);
                Event e = new Event("ev-" + orderId + "-" + stage, orderId, status, at);
                validEvents.add(e);
                sends.add(send(e));
                if (random.nextInt(10) == 0) {
                    sends.add(send(e)); // replayed
                }
            }
            if (random.nextInt(50) == 0) {
                sends.add(new Send(Long.toString(orderId), "{\"event_id\":\"bad-" + orderId + "\",\"order_id\":" + orderId
                        + ",\"status\":\"lost\",\"source\":\"x\",\"event_time\":\"" + EVENT_TIME.format(at) + "\"}", null));
            }
        }
        return sends;
    }

    private static Send send(Event e) {
        return new Send(Long.toString(e.orderId()), "{\"event_id\":\"" + e.eventId() + "\",\"order_id\":" + e.orderId()
                + ",\"status\":\"" + e.status() + "\",\"source\":\"random\",\"event_time\":\"" + EVENT_TIME.format(e.time())
                + "\"}", e);
    }

    /** Events go to random points of the DML timeline: before, between and after the statements of their order. */
    private void interleave(List<Step> dml, List<Send> sends) {
        List<List<Step>> slots = new ArrayList<>();
        for (int i = 0; i <= dml.size(); i++) {
            slots.add(new ArrayList<>());
        }
        java.util.Collections.shuffle(sends, random);
        for (Send send : sends) {
            slots.get(random.nextInt(slots.size())).add(send);
        }
        for (int i = 0; i <= dml.size(); i++) {
            steps.addAll(slots.get(i));
            if (i < dml.size()) {
                steps.add(dml.get(i));
            }
        }
    }

    private static String quote(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
