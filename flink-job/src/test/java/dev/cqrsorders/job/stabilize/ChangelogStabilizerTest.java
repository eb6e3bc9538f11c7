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

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogStabilizerTest {
    private static final TypeInformation<Row> TYPE = Types.ROW_NAMED(new String[] {"id", "status", "at", "note"},
            Types.LONG, Types.STRING, Types.LOCAL_DATE_TIME, Types.STRING);
    private static final LocalDateTime T = LocalDateTime.parse("2026-11-26T12:00:00");
    private static final long SETTLE = 200;
    private static final long GRACE = 1000;
    private static final long HOLD = 2000;
    private KeyedOneInputStreamOperatorTestHarness<Long, Row, Row> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ChangelogStabilizer<>(TYPE, SETTLE, GRACE, HOLD,
                        new OrderDetailsGuard(2, 1, List.of(3), -1))),
                row -> (Long) row.getField(0), Types.LONG);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void in(RowKind kind, long id, String status, int minute, String note) throws Exception {
        harness.processElement(new StreamRecord<>(Row.ofKind(kind, id, status, T.plusMinutes(minute), note)));
    }

    private void in(RowKind kind, long id, String status, int minute) throws Exception {
        in(kind, id, status, minute, "n");
    }

    private List<String> advanceTo(long time) throws Exception {
        harness.setProcessingTime(time);
        List<String> rendered = harness.extractOutputValues().stream()
                .map(r -> r.getKind().shortString() + r.getField(0) + ":" + r.getField(1) + ":" + r.getField(3)).toList();
        harness.getOutput().clear();
        return rendered;
    }

    @Test
    void writesTheNewestVersionOnceItHasSettled() throws Exception {
        in(RowKind.INSERT, 1, "created", 0);
        assertThat(advanceTo(SETTLE - 1)).isEmpty();
        assertThat(advanceTo(SETTLE)).containsExactly("+U1:created:n");
    }

    @Test
    void transientVersionsOfOneChangeAreNeverWritten() throws Exception {
        in(RowKind.INSERT, 1, "created", 0, "user Ada");
        advanceTo(1000);
        // a user update through a left join: old row out, row without user, that out, new row in
        in(RowKind.DELETE, 1, "created", 0, "user Ada");
        in(RowKind.INSERT, 1, "created", 0, "no user");
        in(RowKind.DELETE, 1, "created", 0, "no user");
        in(RowKind.INSERT, 1, "created", 0, "user Ada King");

        assertThat(advanceTo(5000)).containsExactly("+U1:created:user Ada King");
    }

    @Test
    void aRealDeleteIsWrittenAfterTheGracePeriod() throws Exception {
        in(RowKind.INSERT, 1, "created", 0);
        assertThat(advanceTo(SETTLE)).containsExactly("+U1:created:n");
        in(RowKind.DELETE, 1, "created", 0);
        assertThat(advanceTo(SETTLE + GRACE - 1)).isEmpty();
        assertThat(advanceTo(SETTLE + GRACE)).containsExactly("-D1:created:n");
    }

    @Test
    void aKeyThatComesBackWithinTheGraceIsNotDeleted() throws Exception {
        in(RowKind.INSERT, 1, "created", 0);
        advanceTo(SETTLE);
        in(RowKind.DELETE, 1, "created", 0);
        advanceTo(SETTLE + 500);
        in(RowKind.INSERT, 1, "ready", 5);
        assertThat(advanceTo(10_000)).containsExactly("+U1:ready:n");
    }

    @Test
    void aRetractionOvertakenByTheNewVersionDoesNotDeleteIt() throws Exception {
        in(RowKind.INSERT, 1, "created", 0);
        advanceTo(SETTLE);
        // parallel channels: the new version arrives before the retraction of the old one
        in(RowKind.UPDATE_AFTER, 1, "ready", 5);
        in(RowKind.UPDATE_BEFORE, 1, "created", 0);
        assertThat(advanceTo(10_000)).containsExactly("+U1:ready:n");
    }

    @Test
    void aVersionWithAnOlderStatusIsHeldBack() throws Exception {
        in(RowKind.INSERT, 1, "ready", 10);
        advanceTo(SETTLE);
        in(RowKind.UPDATE_BEFORE, 1, "ready", 10);
        in(RowKind.UPDATE_AFTER, 1, "received", 5, "transient");
        assertThat(advanceTo(2 * SETTLE)).isEmpty();
        in(RowKind.UPDATE_BEFORE, 1, "received", 5, "transient");
        in(RowKind.UPDATE_AFTER, 1, "ready", 10, "settled");
        assertThat(advanceTo(3 * SETTLE)).containsExactly("+U1:ready:settled");
        // same timestamp, later stage is progress; same stage and time with other fields is an ordinary update
        in(RowKind.UPDATE_AFTER, 1, "picked_up", 10, "settled");
        assertThat(advanceTo(4 * SETTLE)).containsExactly("+U1:picked_up:settled");
    }

    @Test
    void aRegressionStillStandingAfterTheHoldIsReal() throws Exception {
        in(RowKind.INSERT, 1, "ready", 10);
        advanceTo(SETTLE);
        in(RowKind.UPDATE_BEFORE, 1, "ready", 10);
        in(RowKind.UPDATE_AFTER, 1, "preparing", 5, "corrected");
        assertThat(advanceTo(2 * SETTLE + HOLD - 1)).isEmpty();
        assertThat(advanceTo(2 * SETTLE + HOLD)).containsExactly("+U1:preparing:corrected");
    }

    @Test
    void aVersionThatLostAJoinedPartIsHeldBackUnlessItStands() throws Exception {
        in(RowKind.INSERT, 1, "created", 0, "user Ada");
        advanceTo(SETTLE);
        in(RowKind.DELETE, 1, "created", 0, "user Ada");
        in(RowKind.INSERT, 1, "created", 0, null);
        assertThat(advanceTo(2 * SETTLE)).isEmpty();
        in(RowKind.DELETE, 1, "created", 0, null);
        in(RowKind.INSERT, 1, "created", 0, "user Ada King");
        assertThat(advanceTo(3 * SETTLE)).containsExactly("+U1:created:user Ada King");
        // the user really is deleted: written once the hold has passed
        in(RowKind.DELETE, 1, "created", 0, "user Ada King");
        in(RowKind.INSERT, 1, "created", 0, null);
        assertThat(advanceTo(4 * SETTLE + HOLD - 1)).isEmpty();
        assertThat(advanceTo(4 * SETTLE + HOLD)).containsExactly("+U1:created:null");
    }

    @Test
    void keysAreIndependentAndUnchangedRowsAreNotWrittenAgain() throws Exception {
        in(RowKind.INSERT, 1, "created", 0);
        in(RowKind.INSERT, 2, "ready", 0);
        assertThat(advanceTo(SETTLE)).containsExactlyInAnyOrder("+U1:created:n", "+U2:ready:n");
        in(RowKind.UPDATE_BEFORE, 1, "created", 0);
        in(RowKind.UPDATE_AFTER, 1, "created", 0);
        assertThat(advanceTo(10 * SETTLE)).isEmpty();
    }

    @Test
    void aKeyNeverWrittenIsNeverDeleted() throws Exception {
        in(RowKind.INSERT, 3, "created", 0);
        in(RowKind.DELETE, 3, "created", 0);
        assertThat(advanceTo(10_000)).isEmpty();
    }
}
