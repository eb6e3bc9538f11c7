package dev.cqrsorders.job.events;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class StatusKeysTest {
    private static final LocalDateTime T = LocalDateTime.parse("2026-11-26T12:00:00.123");

    @Test
    void laterTimestampWinsOverLaterStage() {
        assertThat(StatusKeys.key("created", T.plusNanos(1_000_000))).isGreaterThan(StatusKeys.key("cancelled", T));
    }

    @Test
    void onEqualTimestampsTheLifecycleOrderDecides() {
        String[] lifecycle = {"created", "received", "preparing", "ready", "picked_up", "delivered", "cancelled"};
        for (int i = 1; i < lifecycle.length; i++) {
            assertThat(StatusKeys.key(lifecycle[i], T)).isGreaterThan(StatusKeys.key(lifecycle[i - 1], T));
        }
    }

    @Test
    void decodesStatusAndTime() {
        long key = StatusKeys.key("picked_up", T);
        assertThat(StatusKeys.status(key)).isEqualTo("picked_up");
        assertThat(StatusKeys.time(key)).isEqualTo(T);
    }

    @Test
    void aStatusOutsideTheContractKeepsItsTimestampAndReadsAsUnknown() {
        long key = StatusKeys.key("on_hold", T);
        assertThat(StatusKeys.status(key)).isEqualTo("unknown");
        assertThat(StatusKeys.time(key)).isEqualTo(T);
        assertThat(key).isLessThan(StatusKeys.key("created", T));
        assertThat(StatusKeys.status(StatusKeys.key(" Ready ", T))).isEqualTo("ready");
    }

    @Test
    void worksBefore1970() {
        LocalDateTime old = LocalDateTime.parse("1969-12-31T23:59:59.999");
        assertThat(StatusKeys.time(StatusKeys.key("ready", old))).isEqualTo(old);
        assertThat(StatusKeys.status(StatusKeys.key("ready", old))).isEqualTo("ready");
    }
}
