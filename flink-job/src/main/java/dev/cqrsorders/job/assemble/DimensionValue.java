package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A fan-out's state: a user's or address's rendered values and the binlog version they come from; or, with
 * {@code values} null, a row not read yet that orders of the initial snapshot wait for; {@code waitingSince} is when the
 * latest of them joined (the wait ends once the watermark has passed it).
 */
public record DimensionValue(String[] values, long version, long waitingSince) {
    static final CompactTypeInfo<DimensionValue> TYPE = CompactTypeInfo.of(DimensionValue.class, Serializer::new);

    static DimensionValue row(String[] values, long version) {
        return new DimensionValue(values, version, 0);
    }

    static DimensionValue awaited(long since) {
        return new DimensionValue(null, 0, since);
    }

    boolean exists() {
        return values != null;
    }

    /** Format 2: waitingSince (it was a state of its own). */
    @CompactSerializer.Format(2)
    public static final class Serializer extends CompactSerializer<DimensionValue> {
        @Override
        public void write(DimensionValue v, DataOutputView out) throws IOException {
            writeStrings(v.values(), out);
            out.writeLong(v.version());
            out.writeLong(v.waitingSince());
        }

        @Override
        public DimensionValue read(DataInputView in) throws IOException {
            return new DimensionValue(readStrings(in), in.readLong(), in.readLong());
        }
    }
}
