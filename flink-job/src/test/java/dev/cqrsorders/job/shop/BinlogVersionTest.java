package dev.cqrsorders.job.shop;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogVersionTest {

    @Test
    void growsAlongTheBinlog() {
        long[] ordered = {
                BinlogVersion.of("mysql-bin.000001", 4, 0, 0),
                BinlogVersion.of("mysql-bin.000001", 4, 0, 1),
                BinlogVersion.of("mysql-bin.000001", 4, 2, 0),
                BinlogVersion.of("mysql-bin.000001", 7153, 0, 0),
                BinlogVersion.of("mysql-bin.000001", 4_294_967_295L, 1023, 31),
                BinlogVersion.of("mysql-bin.000002", 4, 0, 0),
                BinlogVersion.of("mysql-bin.065535", 4, 0, 0)};
        for (int i = 1; i < ordered.length; i++) {
            assertThat(ordered[i]).as("position %d", i).isGreaterThan(ordered[i - 1]);
        }
        assertThat(ordered[ordered.length - 1]).isPositive();
    }

    @Test
    void eventsAndRowsBeyondTheirBitsShareTheLastValueButNeverGoBack() {
        long last = BinlogVersion.of("mysql-bin.000001", 100, 1023, 31);
        assertThat(BinlogVersion.of("mysql-bin.000001", 100, 5000, 900)).isEqualTo(last);
        assertThat(BinlogVersion.of("mysql-bin.000001", 101, 0, 0)).isGreaterThan(last);
    }

    @Test
    void theChangesOfOneLongTransactionNeverGetASmallerVersionThanAnEarlierOne() {
        // event 1400 row 3, then event 1500 row 0: the later change must not compare smaller
        long earlier = 0;
        for (long event = 1000; event < 1600; event++) {
            for (long row = 0; row < 4; row++) {
                long version = BinlogVersion.of("mysql-bin.000001", 100, event, row);
                assertThat(version).as("event %d row %d", event, row).isGreaterThanOrEqualTo(earlier);
                earlier = version;
            }
        }
    }

    @Test
    void readsDebeziumsSourceOffset() {
        assertThat(BinlogVersion.of(Map.of("file", "mysql-bin.000001", "pos", 7153L, "event", 3, "row", 1)))
                .isEqualTo(BinlogVersion.of("mysql-bin.000001", 7153, 3, 1));
        assertThat(BinlogVersion.of(Map.of("file", "mysql-bin.000001", "pos", 7153L)))
                .isEqualTo(BinlogVersion.of("mysql-bin.000001", 7153, 0, 0));
    }

    @Test
    void refusesWhatItCannotOrder() {
        assertThatThrownBy(() -> BinlogVersion.of("mysql-bin.065536", 4, 0, 0)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BinlogVersion.of("mysql-bin.000001", -1, 0, 0)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BinlogVersion.of("binlog", 4, 0, 0)).hasMessageContaining("not a binlog file name");
    }
}
