package dev.cqrsorders.job.shop;

import dev.cqrsorders.job.types.CompactSerializer;
import dev.cqrsorders.job.types.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * One change of a write-model row: the row before and after (before is null for an insert or a snapshot read,
 * after is null for a delete). {@code version} is the change's position in the binlog ({@link BinlogVersion});
 * {@code snapshot} marks rows of the initial snapshot, which the source reads table by table; {@code sourceTime} is
 * when MySQL wrote the change (epoch milliseconds, whole seconds in a binlog; -1 where unknown). A change with
 * neither row is a {@linkplain #heartbeat heartbeat}.
 */
public record ShopChange(long version, boolean snapshot, ShopRow before, ShopRow after, long sourceTime) {
    public static final CompactTypeInfo<ShopChange> TYPE = CompactTypeInfo.of(ShopChange.class, Serializer::new);

    public ShopChange(long version, boolean snapshot, ShopRow before, ShopRow after) {
        this(version, snapshot, before, after, -1);
    }

    /** The binlog reader's heartbeat: it has read the binlog up to {@code position} ({@link BinlogVersion}). */
    public static ShopChange heartbeat(long position) {
        return new ShopChange(position, false, null, null, -1);
    }

    public boolean isHeartbeat() {
        return before == null && after == null;
    }

    /** The row the change is about: after, or before for a delete; null for a heartbeat. */
    public ShopRow row() {
        return after != null ? after : before;
    }

    public static final class Serializer extends CompactSerializer<ShopChange> {
        @Override
        public void write(ShopChange c, DataOutputView out) throws IOException {
            out.writeLong(c.version());
            out.writeBoolean(c.snapshot());
            ShopRow.Serializer.writeRow(c.before(), out);
            ShopRow.Serializer.writeRow(c.after(), out);
            out.writeLong(c.sourceTime());
        }

        @Override
        public ShopChange read(DataInputView in) throws IOException {
            return new ShopChange(in.readLong(), in.readBoolean(), ShopRow.Serializer.readRow(in),
                    ShopRow.Serializer.readRow(in), in.readLong());
        }
    }
}
