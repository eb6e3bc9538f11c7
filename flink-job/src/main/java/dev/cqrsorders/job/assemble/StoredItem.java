package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** One of an order's items in the assembler's state, with the binlog version of its last change. */
public record StoredItem(ShopRow.Item item, long version) {
    static final CompactTypeInfo<StoredItem> TYPE = CompactTypeInfo.of(Serializer::new);

    public static final class Serializer extends CompactSerializer<StoredItem> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(StoredItem.class);
        }

        @Override
        public void write(StoredItem s, DataOutputView out) throws IOException {
            ShopRow.Serializer.writeItem(s.item(), out);
            out.writeLong(s.version());
        }

        @Override
        public StoredItem read(DataInputView in) throws IOException {
            return new StoredItem(ShopRow.Serializer.readItem(in), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<StoredItem> snapshotConfiguration() {
            return new SerializerSnapshot();
        }

        public static final class SerializerSnapshot extends Snapshot<StoredItem> {
            public SerializerSnapshot() {
                super(Serializer::new);
            }
        }
    }
}
