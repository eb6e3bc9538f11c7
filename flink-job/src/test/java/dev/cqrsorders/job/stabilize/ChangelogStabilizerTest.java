package dev.cqrsorders.job.stabilize;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogStabilizerTest {
    private static final TypeInformation<Row> TYPE = Types.ROW_NAMED(new String[] {"id", "status"}, Types.LONG, Types.STRING);
    private KeyedOneInputStreamOperatorTestHarness<Long, Row, Row> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ChangelogStabilizer<>(TYPE, 1000)),
                row -> (Long) row.getField(0), Types.LONG);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void in(RowKind kind, long id, String status) throws Exception {
        harness.processElement(new StreamRecord<>(Row.ofKind(kind, id, status)));
    }

    private List<String> out() {
        List<String> rendered = harness.extractOutputValues().stream()
                .map(r -> r.getKind().shortString() + r.getField(0) + ":" + r.getField(1)).toList();
        harness.getOutput().clear();
        return rendered;
    }

    @Test
    void deleteThenInsertOfTheSameKeyNeverReachesTheSinkAsADelete() throws Exception {
        in(RowKind.INSERT, 1, "created");
        assertThat(out()).containsExactly("+U1:created");

        in(RowKind.DELETE, 1, "created");
        in(RowKind.INSERT, 1, "ready");
        harness.setProcessingTime(5000);

        assertThat(out()).containsExactly("+U1:ready");
    }

    @Test
    void aRealDeleteIsEmittedAfterTheGracePeriod() throws Exception {
        in(RowKind.INSERT, 1, "created");
        in(RowKind.DELETE, 1, "created");
        assertThat(out()).containsExactly("+U1:created");

        harness.setProcessingTime(999);
        assertThat(out()).isEmpty();
        harness.setProcessingTime(1000);
        assertThat(out()).containsExactly("-D1:created");
    }

    @Test
    void aRetractionOvertakenByTheNewVersionDoesNotDeleteIt() throws Exception {
        in(RowKind.INSERT, 1, "created");
        // parallel channels: the new version arrives before the retraction of the old one
        in(RowKind.UPDATE_AFTER, 1, "ready");
        in(RowKind.UPDATE_BEFORE, 1, "created");
        harness.setProcessingTime(10_000);

        assertThat(out()).containsExactly("+U1:created", "+U1:ready");
    }

    @Test
    void retractingTheNewestVersionFallsBackToTheRemainingOne() throws Exception {
        in(RowKind.INSERT, 1, "created");
        in(RowKind.INSERT, 1, "ready");
        in(RowKind.DELETE, 1, "ready");
        harness.setProcessingTime(10_000);

        assertThat(out()).containsExactly("+U1:created", "+U1:ready", "+U1:created");
    }

    @Test
    void unchangedRowsAreNotWrittenAgainAndKeysAreIndependent() throws Exception {
        in(RowKind.INSERT, 1, "created");
        in(RowKind.UPDATE_BEFORE, 1, "created");
        in(RowKind.UPDATE_AFTER, 1, "created");
        in(RowKind.INSERT, 2, "ready");
        in(RowKind.DELETE, 2, "ready");
        harness.setProcessingTime(10_000);

        assertThat(out()).containsExactly("+U1:created", "+U2:ready", "-D2:ready");
    }

    @Test
    void aKeyNeverWrittenIsNeverDeleted() throws Exception {
        in(RowKind.DELETE, 3, "ghost");
        harness.setProcessingTime(10_000);
        assertThat(out()).isEmpty();
    }
}
