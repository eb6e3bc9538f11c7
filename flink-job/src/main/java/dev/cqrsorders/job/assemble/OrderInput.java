package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** What the {@link OrderAssembler} receives, keyed by order id. */
public sealed interface OrderInput {
    long orderId();

    /** The order's own row changed; {@code row} is null when the order was deleted. */
    record OrderRow(long orderId, long version, ShopRow.Order row) implements OrderInput {}

    /** One of the order's items changed; {@code row} is null when the item was deleted or moved to another order. */
    record Item(long orderId, long itemId, long version, ShopRow.Item row) implements OrderInput {}

    /**
     * Consecutive snapshot rows of one order's items (a snapshot split reads order_items in primary-key order, so an
     * order's items usually come together): applied with one state read and write instead of one per item.
     */
    record Items(long orderId, Item[] items) implements OrderInput {}

    /**
     * A valid order_updates event, as its status key ({@link dev.cqrsorders.job.events.StatusKeys}), and where it is
     * on the topic (partition, offset, Kafka timestamp; -1 where unknown): the read model records what it applied.
     */
    record Status(long orderId, long statusKey, int partition, long offset, long timestamp) implements OrderInput {
        public Status(long orderId, long statusKey) {
            this(orderId, statusKey, -1, -1, -1);
        }
    }

    /**
     * The order's user or address as its fan-out sees it: the rendered values, null when that row does not exist;
     * {@code detached} when the order no longer references it.
     */
    record Part(long orderId, Dimension dimension, long dimensionId, long version, String[] values, boolean detached)
            implements OrderInput {}

    CompactTypeInfo<OrderInput> TYPE = CompactTypeInfo.of(OrderInput.class, Serializer::new);

    final class Serializer extends CompactSerializer<OrderInput> {
        @Override
        public void write(OrderInput value, DataOutputView out) throws IOException {
            if (value instanceof Status s) {
                out.writeByte(1);
                out.writeLong(s.orderId());
                out.writeLong(s.statusKey());
                out.writeInt(s.partition());
                out.writeLong(s.offset());
                out.writeLong(s.timestamp());
            } else if (value instanceof OrderRow o) {
                out.writeByte(2);
                out.writeLong(o.orderId());
                out.writeLong(o.version());
                ShopRow.Serializer.writeRow(o.row(), out);
            } else if (value instanceof Item i) {
                out.writeByte(3);
                out.writeLong(i.orderId());
                out.writeLong(i.itemId());
                out.writeLong(i.version());
                ShopRow.Serializer.writeRow(i.row(), out);
            } else if (value instanceof Items run) {
                out.writeByte(5);
                out.writeLong(run.orderId());
                out.writeInt(run.items().length);
                for (Item i : run.items()) {
                    out.writeLong(i.itemId());
                    out.writeLong(i.version());
                    ShopRow.Serializer.writeRow(i.row(), out);
                }
            } else if (value instanceof Part p) {
                out.writeByte(4);
                out.writeLong(p.orderId());
                out.writeByte(p.dimension().ordinal());
                out.writeLong(p.dimensionId());
                out.writeLong(p.version());
                writeStrings(p.values(), out);
                out.writeBoolean(p.detached());
            }
        }

        @Override
        public OrderInput read(DataInputView in) throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case 1 -> new Status(in.readLong(), in.readLong(), in.readInt(), in.readLong(), in.readLong());
                case 2 -> new OrderRow(in.readLong(), in.readLong(), (ShopRow.Order) ShopRow.Serializer.readRow(in));
                case 3 -> new Item(in.readLong(), in.readLong(), in.readLong(), (ShopRow.Item) ShopRow.Serializer.readRow(in));
                case 4 -> new Part(in.readLong(), Dimension.values()[in.readByte()], in.readLong(), in.readLong(),
                        readStrings(in), in.readBoolean());
                case 5 -> readItems(in);
                default -> throw new IOException("unknown order input tag " + tag);
            };
        }

        private static Items readItems(DataInputView in) throws IOException {
            long orderId = in.readLong();
            Item[] items = new Item[in.readInt()];
            for (int i = 0; i < items.length; i++) {
                items[i] = new Item(orderId, in.readLong(), in.readLong(), (ShopRow.Item) ShopRow.Serializer.readRow(in));
            }
            return new Items(orderId, items);
        }
    }
}
