package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** A user's or address's rendered values and the binlog version they come from: a fan-out's state. */
public record DimensionValue(String[] values, long version) {
    static final CompactTypeInfo<DimensionValue> TYPE = CompactTypeInfo.of(Serializer::new);

    public static final class Serializer extends CompactSerializer<DimensionValue> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(DimensionValue.class);
        }

        @Override
        public void write(DimensionValue v, DataOutputView out) throws IOException {
            writeStrings(v.values(), out);
            out.writeLong(v.version());
        }

        @Override
        public DimensionValue read(DataInputView in) throws IOException {
            return new DimensionValue(readStrings(in), in.readLong());
        }
    }
}
