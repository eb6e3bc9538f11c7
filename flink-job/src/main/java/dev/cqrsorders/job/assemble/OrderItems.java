package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * An order's items in item_id order, part of its {@link OrderBody}: an array, not a map state, since reading them
 * whole is what rendering needs (a RocksDB map iteration costs a seek). {@code version} is the newest binlog version
 * of any change to them, deletions included.
 */
public record OrderItems(ShopRow.Item[] items, long version) {
    static final Serializer SERIALIZER = new Serializer();
    static final OrderItems NONE = new OrderItems(new ShopRow.Item[0], 0);

    /** With the item {@code itemId} set to {@code row}, or removed when {@code row} is null. */
    OrderItems with(long itemId, ShopRow.Item row, long changeVersion) {
        int at = -1;
        for (int i = 0; i < items.length; i++) {
            if (items[i].itemId() == itemId) {
                at = i;
                break;
            }
        }
        ShopRow.Item[] next;
        if (row == null) {
            if (at < 0) {
                return new OrderItems(items, Math.max(version, changeVersion));
            }
            next = new ShopRow.Item[items.length - 1];
            System.arraycopy(items, 0, next, 0, at);
            System.arraycopy(items, at + 1, next, at, items.length - at - 1);
        } else if (at >= 0) {
            next = items.clone();
            next[at] = row;
        } else {
            next = Arrays.copyOf(items, items.length + 1);
            next[items.length] = row;
            Arrays.sort(next, Comparator.comparingLong(ShopRow.Item::itemId));
        }
        return new OrderItems(next, Math.max(version, changeVersion));
    }

    public static final class Serializer extends CompactSerializer<OrderItems> {
        @Override
        public void write(OrderItems value, DataOutputView out) throws IOException {
            out.writeInt(value.items().length);
            for (ShopRow.Item item : value.items()) {
                ShopRow.Serializer.writeItem(item, out);
            }
            out.writeLong(value.version());
        }

        @Override
        public OrderItems read(DataInputView in) throws IOException {
            ShopRow.Item[] items = new ShopRow.Item[in.readInt()];
            for (int i = 0; i < items.length; i++) {
                items[i] = ShopRow.Serializer.readItem(in);
            }
            return new OrderItems(items, in.readLong());
        }
    }
}
