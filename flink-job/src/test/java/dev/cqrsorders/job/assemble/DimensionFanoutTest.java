package dev.cqrsorders.job.assemble;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DimensionFanoutTest {
    private KeyedOneInputStreamOperatorTestHarness<Long, DimensionInput, OrderInput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DimensionFanout(Dimension.USER)), DimensionInput::dimensionId,
                Types.LONG);
        harness.setup(OrderInput.TYPE.createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl()));
        harness.setProcessingTime(1_000);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<OrderInput.Part> output() {
        List<OrderInput.Part> parts = harness.extractOutputValues().stream().map(OrderInput.Part.class::cast).toList();
        harness.getOutput().clear();
        return parts;
    }

    /** The answers since the last call as "order:name", a name of null for "no such user". */
    private List<String> answers() {
        return output().stream().map(p -> p.orderId() + ":" + (p.values() == null ? null : p.values()[0])).toList();
    }

    private static DimensionInput.Row user(long id, long version, boolean snapshot, String name) {
        return new DimensionInput.Row(id, version, snapshot, name == null ? null : new String[] {name, name + "@x", null});
    }

    private static DimensionInput.Membership join(long userId, long orderId, long version, boolean snapshot) {
        return new DimensionInput.Membership(userId, orderId, version, snapshot, true);
    }

    @Test
    void anOrderJoiningAKnownUserGetsItsValuesAndEveryChangeAfter() throws Exception {
        harness.processElement(user(1, 10, false, "Ada"), 0);
        harness.processElement(join(1, 100, 11, false), 0);
        harness.processElement(join(1, 101, 12, false), 0);
        assertThat(output()).extracting(p -> p.orderId() + ":" + p.values()[0] + "@" + p.version())
                .containsExactly("100:Ada@11", "101:Ada@12");

        harness.processElement(user(1, 20, false, "Ada L."), 0);
        assertThat(output()).extracting(p -> p.orderId() + ":" + p.values()[0] + "@" + p.version())
                .containsExactlyInAnyOrder("100:Ada L.@20", "101:Ada L.@20");

        harness.processElement(new DimensionInput.Membership(1, 100, 21, false, false), 0);
        assertThat(output()).singleElement().satisfies(p -> assertThat(p.detached()).isTrue());
        harness.processElement(user(1, 22, false, null), 0);
        assertThat(answers()).containsExactly("101:null");
    }

    @Test
    void inTheBinlogAnUnknownUserIsAnsweredAtOnce() throws Exception {
        harness.processElement(join(7, 100, 11, false), 0);
        assertThat(answers()).containsExactly("100:null");
    }

    @Test
    void inTheSnapshotAnOrderWaitsForItsUserUntilTheBinlogHasBeenReadPastItsJoin() throws Exception {
        harness.processElement(join(7, 100, 0, true), 0);
        harness.setProcessingTime(2_000);
        harness.processElement(join(8, 200, 0, true), 0);
        assertThat(output()).isEmpty();

        // user 7 comes from the binlog phase (inserted after the users were read); user 8 does not exist
        harness.processElement(user(7, 5, false, "Bob"), 0);
        assertThat(answers()).containsExactly("100:Bob");
        harness.setProcessingTime(60_000);
        harness.processWatermark(1_999);
        assertThat(output()).as("the binlog has not been read up to order 200's join: it may still bring user 8")
                .isEmpty();

        harness.processWatermark(2_000);
        assertThat(answers()).containsExactly("200:null");
    }

    @Test
    void aLaterJoinKeepsTheWaitGoingUntilTheWatermarkPassesIt() throws Exception {
        harness.processElement(join(8, 200, 0, true), 0);
        harness.setProcessingTime(3_000);
        harness.processElement(join(8, 201, 0, true), 0);
        harness.processWatermark(1_500);
        assertThat(output()).isEmpty();
        harness.processWatermark(3_000);
        assertThat(answers()).containsExactlyInAnyOrder("200:null", "201:null");
    }
}
