package dev.cqrsorders.seed.events;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.stream.LongStream;

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
