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
    private static final long QUIET = 5_000;
    private KeyedOneInputStreamOperatorTestHarness<Long, DimensionInput, OrderInput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DimensionFanout(Dimension.USER, QUIET)), DimensionInput::dimensionId,
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
        assertThat(output()).singleElement().satisfies(p -> {
            assertThat(p.orderId()).isEqualTo(101);
            assertThat(p.values()).isNull();
        });
    }

    @Test
    void inTheBinlogAnUnknownUserIsAnsweredAtOnce() throws Exception {
        harness.processElement(join(7, 100, 11, false), 0);
        assertThat(output()).singleElement().satisfies(p -> assertThat(p.values()).isNull());
    }

    @Test
    void inTheSnapshotAnOrderWaitsForItsUserUntilTheSnapshotGoesQuiet() throws Exception {
        harness.processElement(join(7, 100, 0, true), 0);
        harness.processElement(join(8, 200, 0, true), 0);
        assertThat(output()).isEmpty();

        // the users table is still being read: user 7 arrives, user 8 does not exist
        harness.setProcessingTime(4_000);
        harness.processElement(user(7, 0, true, "Bob"), 0);
        assertThat(output()).singleElement().satisfies(p -> assertThat(p.values()[0]).isEqualTo("Bob"));
        harness.setProcessingTime(6_500);
        assertThat(output()).as("snapshot rows arrived 2.5 s ago: still waiting").isEmpty();

        // quiet since 9 s; the wait began at 1 s, its first look (at 6 s) found rows 2 s old, the next comes 5 s later
        harness.setProcessingTime(10_000);
        assertThat(output()).isEmpty();
        harness.setProcessingTime(11_000);
        assertThat(output()).singleElement().satisfies(p -> {
            assertThat(p.orderId()).isEqualTo(200);
            assertThat(p.values()).isNull();
        });
    }
}
