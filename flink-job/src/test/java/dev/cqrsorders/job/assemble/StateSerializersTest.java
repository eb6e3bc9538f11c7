package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopRow;
import org.junit.jupiter.api.Test;

import static dev.cqrsorders.job.types.CompactSerializersTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

/** The assembler's and fan-outs' state values survive their serializers and a savepoint. */
class StateSerializersTest {
    private static final ShopRow.Order ORDER = new ShopRow.Order(3, 1, null, 39112, "created", 40, 50);
    private static final ShopRow.Item ITEM = new ShopRow.Item(4, 3, "Pen", 9, 7711);

    @Test
    void orderBodyItemAndDimensionValue() throws Exception {
        OrderBody body = OrderBody.EMPTY.withOrder(ORDER, 5).withVersion(6)
                .withPart(new OrderInput.Part(3, Dimension.ADDRESS, 2, 7, new String[] {"1 Main, City"}, false))
                .withWritten(true).withEmptySince(123);
        OrderBody back = roundTrip(new OrderBody.Serializer(), body);
        assertThat(back.order()).isEqualTo(ORDER);
        assertThat(back.part(Dimension.ADDRESS, 2).values()).containsExactly("1 Main, City");
        assertThat(back.version()).isEqualTo(7);
        assertThat(back.written()).isTrue();
        assertThat(back.emptySince()).isEqualTo(123);
        assertThat(roundTrip(new StoredItem.Serializer(), new StoredItem(ITEM, 9))).isEqualTo(new StoredItem(ITEM, 9));
        assertThat(roundTrip(new DimensionValue.Serializer(), new DimensionValue(new String[] {"x"}, 4)).values()).containsExactly("x");
    }

}
