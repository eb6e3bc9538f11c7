package dev.cqrsorders.job.types;

import dev.cqrsorders.job.assemble.Dimension;
import dev.cqrsorders.job.assemble.DimensionInput;
import dev.cqrsorders.job.assemble.OrderInput;
import dev.cqrsorders.job.events.DeadLetter;
import dev.cqrsorders.job.events.RawOrderUpdate;
import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record the job sends survives its serializer, and every serializer survives a savepoint. */
public class CompactSerializersTest {
    private static final ShopRow.User USER = new ShopRow.User(1, "Ada \u00e9\u4e2d\ud83d\ude00", "ada@x", null, 10, 20);
    private static final ShopRow.Address ADDRESS = new ShopRow.Address(2, 1, "1 Main", "City", "ST", "1", "C", 30);
    private static final ShopRow.Order ORDER = new ShopRow.Order(3, 1, null, 39112, "created", 40, 50);
    private static final ShopRow.Item ITEM = new ShopRow.Item(4, 3, "Pen", 9, 7711);

    @Test
    void shopRowsAndChanges() throws Exception {
        for (ShopRow row : List.of(USER, ADDRESS, ORDER, ITEM)) {
            assertThat(roundTrip(new ShopRow.Serializer(), row)).isEqualTo(row);
        }
        ShopChange change = new ShopChange(123, false, ORDER, new ShopRow.Order(3, 1, 2L, 1, "ready", 40, 60));
        assertThat(roundTrip(new ShopChange.Serializer(), change)).isEqualTo(change);
        assertThat(roundTrip(new ShopChange.Serializer(), new ShopChange(0, true, null, ITEM))).isEqualTo(new ShopChange(0, true, null, ITEM));
    }

    @Test
    void operatorInputs() throws Exception {
        assertThat(roundTrip(new OrderInput.Serializer(), new OrderInput.Status(3, 99))).isEqualTo(new OrderInput.Status(3, 99));
        assertThat(roundTrip(new OrderInput.Serializer(), new OrderInput.OrderRow(3, 7, ORDER))).isEqualTo(new OrderInput.OrderRow(3, 7, ORDER));
        assertThat(roundTrip(new OrderInput.Serializer(), new OrderInput.Item(3, 4, 7, null))).isEqualTo(new OrderInput.Item(3, 4, 7, null));
        OrderInput.Items run = (OrderInput.Items) roundTrip(new OrderInput.Serializer(), new OrderInput.Items(3,
                new OrderInput.Item[] {new OrderInput.Item(3, 4, 7, ITEM), new OrderInput.Item(3, 5, 8, ITEM)}));
        assertThat(run.orderId()).isEqualTo(3);
        assertThat(run.items()).containsExactly(new OrderInput.Item(3, 4, 7, ITEM), new OrderInput.Item(3, 5, 8, ITEM));
        OrderInput.Part part = (OrderInput.Part) roundTrip(new OrderInput.Serializer(),
                new OrderInput.Part(3, Dimension.USER, 1, 8, new String[] {"Ada", "a@x", null}, false));
        assertThat(part.values()).containsExactly("Ada", "a@x", null);
        assertThat(part.dimension()).isEqualTo(Dimension.USER);
        assertThat(roundTrip(new DimensionInput.Serializer(), new DimensionInput.Membership(1, 3, 8, true, false)))
                .isEqualTo(new DimensionInput.Membership(1, 3, 8, true, false));
        DimensionInput.Row row = (DimensionInput.Row) roundTrip(new DimensionInput.Serializer(),
                new DimensionInput.Row(1, 9, true, null));
        assertThat(row.values()).isNull();
        assertThat(row.snapshot()).isTrue();
    }

    @Test
    void writesAndDeadLetters() throws Exception {
        ReadModelWrite details = new ReadModelWrite.OrderDetails(3, 1, "Ada", null, null, 2L, "1 Main", 39112, 40, 99,
                1, 7711, "Pen (...)", "[]", 12);
        for (ReadModelWrite w : List.of(details, new ReadModelWrite.OrderStatus(3, 99),
                new ReadModelWrite.Projection(USER, 5), new ReadModelWrite.Deletion(ReadModelTable.ORDERS, 3, 6))) {
            assertThat(roundTrip(new ReadModelWrite.Serializer(), w)).isEqualTo(w);
        }
        DeadLetter letter = roundTrip(new DeadLetter.Serializer(),
                new DeadLetter(new RawOrderUpdate(null, new byte[] {0, (byte) 0xff}, 2, 77, 1_764_158_400_000L), "not JSON", "order_updates"));
        assertThat(letter.record().key()).isNull();
        assertThat(letter.record().value()).containsExactly(0, (byte) 0xff);
        assertThat(letter.record().offset()).isEqualTo(77);
        assertThat(letter.reason()).isEqualTo("not JSON");
    }

    @Test
    void aCheckpointStreamGetsTheSameBytesAsFlinksBuffers() throws Exception {
        ReadModelWrite details = new ReadModelWrite.OrderDetails(3, 1, "Ada \u00e9\u4e2d\ud83d\ude00", null, null, 2L,
                "1 Main", 39112, 40, 99, 1, 7711, "Pen (...)", "[]", 12);
        DataOutputSerializer buffer = new DataOutputSerializer(8);
        new ReadModelWrite.Serializer().serialize(details, buffer);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        new ReadModelWrite.Serializer().serialize(details, new DataOutputViewStreamWrapper(stream));
        assertThat(stream.toByteArray()).isEqualTo(buffer.getCopyOfBuffer());
        assertThat(new ReadModelWrite.Serializer().deserialize(
                new DataInputViewStreamWrapper(new ByteArrayInputStream(stream.toByteArray())))).isEqualTo(details);
    }

    /** Savepoints hold Flink's {@code StringValue} bytes: the same bytes both ways, and no byte read past a string. */
    @Test
    void stringsAreFlinksStringValueBytes() throws Exception {
        Random random = new Random(7);
        List<String> strings = new ArrayList<>(Arrays.asList(null, "", "Pen", "caf\u00e9", "\u00e9", "a\u4e2db",
                "\ud83d\ude00 x", "why?", "a\ud800", "?\udc00?", "x".repeat(127), "y".repeat(128), "z".repeat(20_000) + "\u00ff"));
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(300)];
            int widest = new int[] {0x80, 0x100, 0x800, 0x10000}[random.nextInt(4)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (random.nextInt(10) == 0 ? random.nextInt(widest) : 32 + random.nextInt(95));
            }
            strings.add(new String(chars));
        }
        for (String value : strings) {
            DataOutputSerializer ours = new DataOutputSerializer(16);
            CompactSerializer.writeString(value, ours);
            ours.writeInt(42);
            DataOutputSerializer flinks = new DataOutputSerializer(16);
            StringValue.writeString(value, flinks);
            flinks.writeInt(42);
            assertThat(ours.getCopyOfBuffer()).isEqualTo(flinks.getCopyOfBuffer());

            DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(new ByteArrayInputStream(flinks.getCopyOfBuffer()));
            assertThat(CompactSerializer.readString(in)).isEqualTo(value);
            assertThat(in.readInt()).isEqualTo(42);
        }
    }

    /** Serializes through the serializer and restores the serializer itself from its snapshot, as a savepoint does. */
    public static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer snapshotOut = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshotOut, serializer.snapshotConfiguration());
        TypeSerializer<T> restored = TypeSerializerSnapshot.<T>readVersionedSnapshot(
                new DataInputDeserializer(snapshotOut.getCopyOfBuffer()), CompactSerializersTest.class.getClassLoader())
                .restoreSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T back = restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        InstantiationUtil.clone(serializer); // the serializer travels with the job graph
        return back;
    }
}
