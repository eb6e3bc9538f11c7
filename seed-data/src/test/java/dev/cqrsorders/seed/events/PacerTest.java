package dev.cqrsorders.seed.events;

import dev.cqrsorders.seed.events.EventsCommand.Pacer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(double rate) {
        return new Pacer(rate, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void spacesRecordsEvenly() {
        Pacer pacer = pacer(1000);
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn(i);
        }
        // the first is due at once, then one every millisecond
        assertThat(sleeps).containsExactly(1_000_000L, 1_000_000L, 1_000_000L, 1_000_000L);
    }

    @Test
    void catchesUpASmallDelayWithoutSleeping() {
        Pacer pacer = pacer(1000);
        pacer.awaitTurn(0);
        now += 5_000_000; // the send took 5 ms
        for (int i = 1; i <= 5; i++) {
            pacer.awaitTurn(i);
        }
        assertThat(sleeps).isEmpty();
        pacer.awaitTurn(6);
        assertThat(sleeps).containsExactly(1_000_000L);
    }

    @Test
    void aLongStallMovesTheScheduleInsteadOfBursting() {
        Pacer pacer = pacer(100);
        pacer.awaitTurn(0);
        now += 5_000_000_000L; // stalled for 5 s: 500 records behind
        pacer.awaitTurn(1);
        pacer.awaitTurn(2);
        assertThat(sleeps).containsExactly(10_000_000L);
    }
}
