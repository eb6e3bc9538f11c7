package dev.cqrsorders.job.shop;

import dev.cqrsorders.job.types.CompactSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A row of the write model (MySQL database {@code shop}) as the CDC source reads it. Timestamps are UTC epoch
 * milliseconds (MySQL DATETIME(3) holds UTC wall-clock values), money is in cents (DECIMAL(12,2)).
 */
public sealed interface ShopRow {
    /** The row's primary key. */
    long id();

    record User(long userId, String name, String email, String phone, long createdAt, long updatedAt) implements ShopRow {
        @Override
        public long id() {
            return userId;
        }
    }

    record Address(long addressId, long userId, String street, String city, String state, String postalCode,
                   String country, long createdAt) implements ShopRow {
        @Override
        public long id() {
            return addressId;
        }

        /** {@code street, city, state, postal_code, country} (CONTRACT.md). */
        public String fullAddress() {
            return String.join(", ", street, city, state, postalCode, country);
        }
    }

    record Order(long orderId, long userId, Long addressId, long totalCents, String status, long orderDate,
                 long updatedAt) implements ShopRow {
        @Override
        public long id() {
            return orderId;
        }
    }

    record Item(long itemId, long orderId, String productName, int quantity, long priceCents) implements ShopRow {
        @Override
        public long id() {
            return itemId;
        }

        /** price × quantity; saturates instead of overflowing (PostgreSQL then refuses the row as out of range). */
        public long lineTotalCents() {
            long total = priceCents * quantity;
            return Math.multiplyHigh(priceCents, quantity) == (total >> 63) ? total
                    : (priceCents < 0) != (quantity < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    final class Serializer extends CompactSerializer<ShopRow> {
        private static final byte USER = 1;
        private static final byte ADDRESS = 2;
        private static final byte ORDER = 3;
        private static final byte ITEM = 4;

        @Override
        public void write(ShopRow row, DataOutputView out) throws IOException {
            writeRow(row, out);
        }

        @Override
        public ShopRow read(DataInputView in) throws IOException {
            return readRow(in);
        }

        /** A nullable row: a tag byte (0 for null), then the fields. */
        public static void writeRow(ShopRow row, DataOutputView out) throws IOException {
            if (row == null) {
                out.writeByte(0);
            } else if (row instanceof User u) {
                out.writeByte(USER);
                out.writeLong(u.userId());
                writeString(u.name(), out);
                writeString(u.email(), out);
                writeString(u.phone(), out);
                out.writeLong(u.createdAt());
                out.writeLong(u.updatedAt());
            } else if (row instanceof Address a) {
                out.writeByte(ADDRESS);
                out.writeLong(a.addressId());
                out.writeLong(a.userId());
                writeString(a.street(), out);
                writeString(a.city(), out);
                writeString(a.state(), out);
                writeString(a.postalCode(), out);
                writeString(a.country(), out);
                out.writeLong(a.createdAt());
            } else if (row instanceof Order o) {
                out.writeByte(ORDER);
                out.writeLong(o.orderId());
                out.writeLong(o.userId());
                writeNullableLong(o.addressId(), out);
                out.writeLong(o.totalCents());
                writeString(o.status(), out);
                out.writeLong(o.orderDate());
                out.writeLong(o.updatedAt());
            } else if (row instanceof Item i) {
                out.writeByte(ITEM);
                writeItem(i, out);
            }
        }

        public static ShopRow readRow(DataInputView in) throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case 0 -> null;
                case USER -> new User(in.readLong(), readString(in), readString(in), readString(in), in.readLong(),
                        in.readLong());
                case ADDRESS -> new Address(in.readLong(), in.readLong(), readString(in), readString(in),
                        readString(in), readString(in), readString(in), in.readLong());
                case ORDER -> new Order(in.readLong(), in.readLong(), readNullableLong(in), in.readLong(),
                        readString(in), in.readLong(), in.readLong());
                case ITEM -> readItem(in);
                default -> throw new IOException("unknown shop row tag " + tag);
            };
        }

        public static void writeItem(Item i, DataOutputView out) throws IOException {
            out.writeLong(i.itemId());
            out.writeLong(i.orderId());
            writeString(i.productName(), out);
            out.writeInt(i.quantity());
            out.writeLong(i.priceCents());
        }

        public static Item readItem(DataInputView in) throws IOException {
            return new Item(in.readLong(), in.readLong(), readString(in), in.readInt(), in.readLong());
        }
    }
}
