package dev.cqrsorders.job.sink;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * One write to the read model. Rows carry a version and are applied only when it is not older than the stored one;
 * a status only when its key is greater: a replay can never move a row back.
 */
public sealed interface ReadModelWrite {
    ReadModelTable table();

    long id();

    /** A whole order_details row (status included; an existing row's status changes only if the key is greater). */
    record OrderDetails(long orderId, long userId, String userName, String userEmail, String userPhone,
                        Long addressId, String fullAddress, long totalCents, long orderDate, long statusKey,
                        int itemCount, long itemsTotalCents, String itemsDetails, String itemsJson, long version)
            implements OrderDetailsWrite {}

    /** Only the status columns of an order_details row: order_status, last_order_update (status_key). */
    record OrderStatus(long orderId, long statusKey) implements OrderDetailsWrite {}

    /** A write of the order_details row of {@code orderId}. */
    sealed interface OrderDetailsWrite extends ReadModelWrite permits OrderDetails, OrderStatus {
        long orderId();

        @Override
        default ReadModelTable table() {
            return ReadModelTable.ORDER_DETAILS;
        }

        @Override
        default long id() {
            return orderId();
        }
    }

    /** A row of the users, addresses or orders projection. */
    record Projection(ShopRow row, long version) implements ReadModelWrite {
        @Override
        public ReadModelTable table() {
            return ReadModelTable.projectionOf(row);
        }

        @Override
        public long id() {
            return row.id();
        }
    }

    /** The row is gone (its tombstone keeps older replays from bringing it back). */
    record Deletion(ReadModelTable table, long id, long version) implements ReadModelWrite {}

    /**
     * How far a source is applied: what the writes before it in the stream contain ({@code read_model_progress}).
     * {@code source}: the topic, or {@code database.table}; {@code part}: the Kafka partition, 0 for a table;
     * {@code position}: the Kafka offset or the binlog version; {@code sourceTime}: epoch milliseconds, -1 if unknown.
     */
    record Progress(String source, int part, long position, long sourceTime) implements ReadModelWrite {
        @Override
        public ReadModelTable table() {
            return ReadModelTable.PROGRESS;
        }

        @Override
        public long id() {
            return part;
        }
    }

    CompactTypeInfo<ReadModelWrite> TYPE = CompactTypeInfo.of(ReadModelWrite.class, Serializer::new);

    final class Serializer extends CompactSerializer<ReadModelWrite> {
        @Override
        public void write(ReadModelWrite value, DataOutputView out) throws IOException {
            if (value instanceof OrderStatus s) {
                out.writeByte(1);
                out.writeLong(s.orderId());
                out.writeLong(s.statusKey());
            } else if (value instanceof OrderDetails d) {
                out.writeByte(2);
                out.writeLong(d.orderId());
                out.writeLong(d.userId());
                writeString(d.userName(), out);
                writeString(d.userEmail(), out);
                writeString(d.userPhone(), out);
                writeNullableLong(d.addressId(), out);
                writeString(d.fullAddress(), out);
                out.writeLong(d.totalCents());
                out.writeLong(d.orderDate());
                out.writeLong(d.statusKey());
                out.writeInt(d.itemCount());
                out.writeLong(d.itemsTotalCents());
                writeString(d.itemsDetails(), out);
                writeString(d.itemsJson(), out);
                out.writeLong(d.version());
            } else if (value instanceof Projection p) {
                out.writeByte(3);
                ShopRow.Serializer.writeRow(p.row(), out);
                out.writeLong(p.version());
            } else if (value instanceof Deletion d) {
                out.writeByte(4);
                out.writeByte(d.table().ordinal());
                out.writeLong(d.id());
                out.writeLong(d.version());
            } else if (value instanceof Progress p) {
                out.writeByte(5);
                writeString(p.source(), out);
                out.writeInt(p.part());
                out.writeLong(p.position());
                out.writeLong(p.sourceTime());
            }
        }

        @Override
        public ReadModelWrite read(DataInputView in) throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case 1 -> new OrderStatus(in.readLong(), in.readLong());
                case 2 -> new OrderDetails(in.readLong(), in.readLong(), readString(in), readString(in),
                        readString(in), readNullableLong(in), readString(in), in.readLong(), in.readLong(),
                        in.readLong(), in.readInt(), in.readLong(), readString(in), readString(in), in.readLong());
                case 3 -> new Projection(ShopRow.Serializer.readRow(in), in.readLong());
                case 4 -> new Deletion(ReadModelTable.values()[in.readByte()], in.readLong(), in.readLong());
                case 5 -> new Progress(readString(in), in.readInt(), in.readLong(), in.readLong());
                default -> throw new IOException("unknown read model write tag " + tag);
            };
        }
    }
}
