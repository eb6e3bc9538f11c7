package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.CliErrors.UserError;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The order ids events are generated for: the known ones in a shuffled order, pass after pass (a new pass starts
 * the lifecycles again, later in time), and "early" ids above the highest known id, counting up. It remembers
 * the last event time of each known order, so a later pass never goes back in time for that order.
 */
final class OrderIdPool {
    private final long[] ids;
    private final long[] sortedIds;
    private final long[] lastMillis;
    private final long highestKnownId;
    private final Random random;
    private int cursor;
    private long earlyIssued;

    OrderIdPool(long[] knownIds, Random random) {
        if (knownIds.length == 0) {
            throw new IllegalArgumentException("no order ids");
        }
        this.ids = knownIds.clone();
        this.sortedIds = knownIds.clone();
        Arrays.sort(sortedIds);
        this.lastMillis = new long[sortedIds.length];
        Arrays.fill(lastMillis, Long.MIN_VALUE);
        this.highestKnownId = sortedIds[sortedIds.length - 1];
        this.random = random;
        shuffle();
    }

    int size() {
        return ids.length;
    }

    long highestKnownId() {
        return highestKnownId;
    }

    /** The next known id not in {@code active} (an order has one lifecycle at a time). */
    long nextKnown(Set<Long> active) {
        // the rest of this pass, then one whole fresh pass, holds every id
        for (long tries = 0; tries < 2L * ids.length; tries++) {
            if (cursor == ids.length) {
                shuffle();
            }
            long id = ids[cursor++];
            if (!active.contains(id)) {
                return id;
            }
        }
        throw new IllegalStateException("every known order id already has a lifecycle in flight");
    }

    /** The time of the last event of this order's previous lifecycle, or {@code Long.MIN_VALUE}. */
    long lastMillis(long orderId) {
        int index = Arrays.binarySearch(sortedIds, orderId);
        return index < 0 ? Long.MIN_VALUE : lastMillis[index];
    }

    void rememberLastMillis(long orderId, long millis) {
        int index = Arrays.binarySearch(sortedIds, orderId);
        if (index >= 0) {
            lastMillis[index] = Math.max(lastMillis[index], millis);
        }
    }

    long nextEarly() {
        return highestKnownId + ++earlyIssued;
    }

    /** Any known id, for records that are not part of a lifecycle. */
    long anyKnown() {
        return ids[random.nextInt(ids.length)];
    }

    private void shuffle() {
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        cursor = 0;
    }

    /** {@code --order-ids FIRST-LAST} (or a single id): the orders to generate events for, instead of MySQL's. */
    public record OrderIdRange(long first, long last) {
        static final long MAX_SIZE = 10_000_000;

        public long[] ids() {
            return LongStream.rangeClosed(first, last).toArray();
        }

        public static final class Converter implements ITypeConverter<OrderIdRange> {
            @Override
            public OrderIdRange convert(String value) {
                String[] parts = value.trim().split("-", -1);
                try {
                    long first = Long.parseLong(parts[0].trim());
                    long last = parts.length == 1 ? first : parts.length == 2 ? Long.parseLong(parts[1].trim()) : -1;
                    if (first < 1 || last < first) {
                        throw new NumberFormatException();
                    }
                    if (last - first + 1 > MAX_SIZE) {
                        throw new TypeConversionException("--order-ids may span at most " + MAX_SIZE + " ids, not '"
                                + value + "'");
                    }
                    return new OrderIdRange(first, last);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "' is not an order id range like 1-1000 "
                            + "(positive ids, first <= last)");
                }
            }
        }
    }

    /** Reads every order id of the write model once, streaming, so a million ids do not need a buffered result. */
    static final class ShopOrderIds {
        private ShopOrderIds() {
        }

        static long[] load(Connection connection, String database) throws SQLException {
            long[] ids = new long[1024];
            int size = 0;
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(Integer.MIN_VALUE); // Connector/J: stream rows one by one
                try (ResultSet rs = statement.executeQuery("SELECT order_id FROM orders")) {
                    while (rs.next()) {
                        if (size == ids.length) {
                            ids = Arrays.copyOf(ids, size * 2);
                        }
                        ids[size++] = rs.getLong(1);
                    }
                }
            }
            if (size == 0) {
                throw new UserError("events: no orders in " + database + ".orders: run 'seed-data seed' first, "
                        + "or pass --order-ids");
            }
            long[] result = Arrays.copyOf(ids, size);
            Arrays.sort(result); // the shuffle must not depend on the server's row order
            return result;
        }
    }
}
