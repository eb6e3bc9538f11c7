package dev.cqrsorders.job.shop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinlogClockTest {
    private final BinlogClock clock = new BinlogClock();

    @Test
    void nothingIsKnownBeforeTheFirstHeartbeat() {
        assertThat(clock.reading()).isFalse();
        assertThat(clock.sample(100, 1_000)).isEqualTo(-1);
        assertThat(clock.heartbeat(100)).isEqualTo(1_000);
        assertThat(clock.reading()).isTrue();
    }

    @Test
    void aReaderAtTheBinlogsEndHasReadEverythingCommittedBeforeEachSample() {
        clock.heartbeat(100);
        assertThat(clock.sample(100, 1_000)).isEqualTo(1_000);
        assertThat(clock.sample(100, 1_250)).isEqualTo(1_250);
        assertThat(clock.sample(120, 1_500)).isEqualTo(-1); // a commit the reader has not reached
        assertThat(clock.sample(120, 1_750)).isEqualTo(-1);
        assertThat(clock.heartbeat(120)).isEqualTo(1_750);
    }

    @Test
    void aReaderBehindReleasesATimeOnlyOnceItReachesTheEndSampledThen() {
        clock.heartbeat(50);
        assertThat(clock.sample(100, 1_000)).isEqualTo(-1);
        assertThat(clock.sample(200, 2_000)).isEqualTo(-1);
        assertThat(clock.heartbeat(80)).isEqualTo(-1);
        assertThat(clock.heartbeat(150)).isEqualTo(1_000);
        assertThat(clock.heartbeat(150)).isEqualTo(-1);
        assertThat(clock.heartbeat(300)).isEqualTo(2_000);
    }

    @Test
    void aReaderFarBehindKeepsTheNewestEnds() {
        clock.heartbeat(0);
        for (int i = 0; i < 5_000; i++) {
            assertThat(clock.sample(1 + i, i)).isEqualTo(-1);
        }
        assertThat(clock.heartbeat(5_000)).isEqualTo(4_999);
    }
}
