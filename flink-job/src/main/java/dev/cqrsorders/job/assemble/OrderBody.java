package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Arrays;

/**
 * Everything the read model shows of one order except its status: the order row (null until it exists, or after it
 * was deleted), its items, and its user and address as their fan-outs sent them. One value, because every change
 * but a status needs all of it to render the row: one state lookup per input.
 * {@code version} is the newest binlog version among them; {@code emptySince} when the order was last seen without
 * items (such a version is held back for a moment, see {@link OrderAssembler}).
 */
public record OrderBody(ShopRow.Order order, OrderItems items, Part[] parts, long version, long emptySince) {

    static final CompactTypeInfo<OrderBody> TYPE = CompactTypeInfo.of(OrderBody.class, Serializer::new);
    static final OrderBody EMPTY = new OrderBody(null, OrderItems.NONE, new Part[0], 0, 0);

    /** A user's or address's rendered values as this order last received them; {@code values} null: no such row. */
    record Part(Dimension dimension, long dimensionId, String[] values) {}

    OrderBody withOrder(ShopRow.Order row, long changeVersion) {
        return new OrderBody(row, items, parts, Math.max(version, changeVersion), emptySince);
    }

    /** With the item {@code itemId} set to {@code row}, or removed when {@code row} is null. */
    OrderBody withItem(long itemId, ShopRow.Item row, long changeVersion) {
        return new OrderBody(order, items.with(itemId, row, changeVersion), parts, version, emptySince);
    }

    OrderBody withPart(OrderInput.Part part) {
        Part[] next = Arrays.stream(parts)
                .filter(p -> p.dimension() != part.dimension() || p.dimensionId() != part.dimensionId())
                .toArray(Part[]::new);
        if (!part.detached()) {
            next = Arrays.copyOf(next, next.length + 1);
            next[next.length - 1] = new Part(part.dimension(), part.dimensionId(), part.values());
        }
        return new OrderBody(order, items, next, Math.max(version, part.version()), emptySince);
    }

    OrderBody withEmptySince(long since) {
        return new OrderBody(order, items, parts, version, since);
    }

    /** The part of this dimension row, or null when its fan-out has not answered yet. */
    Part part(Dimension dimension, long dimensionId) {
        for (Part p : parts) {
            if (p.dimension() == dimension && p.dimensionId() == dimensionId) {
                return p;
            }
        }
        return null;
    }

    /** Nothing left to remember: no order, no items, no parts. */
    boolean isEmpty() {
        return order == null && items.items().length == 0 && parts.length == 0;
    }

    /** Format 2: the items inside (they were a state of their own). */
    @CompactSerializer.Format(2)
    public static final class Serializer extends CompactSerializer<OrderBody> {
        @Override
        public void write(OrderBody b, DataOutputView out) throws IOException {
            ShopRow.Serializer.writeRow(b.order(), out);
            OrderItems.SERIALIZER.write(b.items(), out);
            out.writeInt(b.parts().length);
            for (Part p : b.parts()) {
                out.writeByte(p.dimension().ordinal());
                out.writeLong(p.dimensionId());
                writeStrings(p.values(), out);
            }
            out.writeLong(b.version());
            out.writeBoolean(false); // was "written": the byte stays, so that checkpoints of format 2 restore
            out.writeLong(b.emptySince());
        }

        @Override
        public OrderBody read(DataInputView in) throws IOException {
            ShopRow.Order order = (ShopRow.Order) ShopRow.Serializer.readRow(in);
            OrderItems items = OrderItems.SERIALIZER.read(in);
            Part[] parts = new Part[in.readInt()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = new Part(Dimension.values()[in.readByte()], in.readLong(), readStrings(in));
            }
            long version = in.readLong();
            in.readBoolean();
            return new OrderBody(order, items, parts, version, in.readLong());
        }
    }
}
