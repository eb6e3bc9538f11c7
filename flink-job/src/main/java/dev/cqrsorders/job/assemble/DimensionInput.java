package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** What a {@link DimensionFanout} receives, keyed by the user or address id. */
public sealed interface DimensionInput {
    long dimensionId();

    /** The user or address changed: its rendered values (user: name, email, phone; address: full address), or null if deleted. */
    record Row(long dimensionId, long version, boolean snapshot, String[] values) implements DimensionInput {}

    /** An order started ({@code joined}) or stopped referencing this user or address. */
    record Membership(long dimensionId, long orderId, long version, boolean snapshot, boolean joined)
            implements DimensionInput {}

    CompactTypeInfo<DimensionInput> TYPE = CompactTypeInfo.of(DimensionInput.class, Serializer::new);

    final class Serializer extends CompactSerializer<DimensionInput> {
        @Override
        public void write(DimensionInput value, DataOutputView out) throws IOException {
            if (value instanceof Row r) {
                out.writeByte(1);
                out.writeLong(r.dimensionId());
                out.writeLong(r.version());
                out.writeBoolean(r.snapshot());
                writeStrings(r.values(), out);
            } else if (value instanceof Membership m) {
                out.writeByte(2);
                out.writeLong(m.dimensionId());
                out.writeLong(m.orderId());
                out.writeLong(m.version());
                out.writeBoolean(m.snapshot());
                out.writeBoolean(m.joined());
            }
        }

        @Override
        public DimensionInput read(DataInputView in) throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case 1 -> new Row(in.readLong(), in.readLong(), in.readBoolean(), readStrings(in));
                case 2 -> new Membership(in.readLong(), in.readLong(), in.readLong(), in.readBoolean(), in.readBoolean());
                default -> throw new IOException("unknown dimension input tag " + tag);
            };
        }
    }
}
