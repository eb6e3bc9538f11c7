package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static dev.cqrsorders.job.types.CompactSerializersTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

/** The assembler's and fan-outs' state values survive their serializers and a savepoint. */
class StateSerializersTest {
    private static final ShopRow.Order ORDER = new ShopRow.Order(3, 1, null, 39112, "created", 40, 50);
    private static final ShopRow.Item ITEM = new ShopRow.Item(4, 3, "Pen", 9, 7711);

    @Test
    void orderBodyItemAndDimensionValue() throws Exception {
        OrderBody body = OrderBody.EMPTY.withOrder(ORDER, 5).withItem(4, ITEM, 6)
                .withPart(new OrderInput.Part(3, Dimension.ADDRESS, 2, 7, new String[] {"1 Main, City"}, false))
                .withEmptySince(123);
        OrderBody back = roundTrip(new OrderBody.Serializer(), body);
        assertThat(back.order()).isEqualTo(ORDER);
        assertThat(back.items().items()).containsExactly(ITEM);
        assertThat(back.items().version()).isEqualTo(6);
        assertThat(back.part(Dimension.ADDRESS, 2).values()).containsExactly("1 Main, City");
        assertThat(back.version()).isEqualTo(7);
        assertThat(back.emptySince()).isEqualTo(123);
        OrderItems items = roundTrip(new OrderItems.Serializer(), OrderItems.NONE.with(4, ITEM, 9).with(2,
                new ShopRow.Item(2, 3, "Ink", 1, 100), 10).with(5, null, 11));
        assertThat(items.items()).extracting(ShopRow.Item::itemId).containsExactly(2L, 4L);
        assertThat(items.version()).isEqualTo(11);
        assertThat(roundTrip(new DimensionValue.Serializer(), DimensionValue.row(new String[] {"x"}, 4)).values()).containsExactly("x");
    }

    /** A checkpoint from before the items moved into the body (format 1, no format recorded) must not be read as it is. */
    @Test
    void aBodyOfTheOldFormatIsIncompatible() throws Exception {
        DataOutputSerializer oldSnapshot = new DataOutputSerializer(64);
        oldSnapshot.writeUTF(OrderBody.Serializer.class.getName());
        CompactSerializer.ClassSnapshot<OrderBody> old = new CompactSerializer.ClassSnapshot<>();
        old.readSnapshot(1, new DataInputDeserializer(oldSnapshot.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializerSnapshot<OrderBody> current = new OrderBody.Serializer().snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(old).isIncompatible()).isTrue();
        assertThat(current.resolveSchemaCompatibility(new OrderBody.Serializer().snapshotConfiguration()).isCompatibleAsIs())
                .isTrue();
    }

}
