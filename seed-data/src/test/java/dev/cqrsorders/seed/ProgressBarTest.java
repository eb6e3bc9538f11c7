package dev.cqrsorders.seed;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    private long now;

    @Test
    void showsPercentageRowsRateAndEta() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "seed", 1000, false, () -> now);

        now += 10_000_000_000L; // 10 s for a quarter
        bar.advance(250, 5000);

        assertThat(err.toString()).isEqualTo("seed [######..................]  25.0% 5,000 rows 500 rows/s ETA 0:30\n");
    }

    @Test
    void onAPipeItPrintsALineEveryTenSecondsAndAtTheEnd() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "seed", 100, false, () -> now);
        for (int i = 0; i < 100; i++) {
            now += 1_000_000_000L;
            bar.advance(1, 3);
        }
        bar.finish();

        assertThat(err.toString().lines()).hasSize(11).last().asString()
                .startsWith("seed [########################] 100.0% 300 rows 3 rows/s ETA 0:00");
    }

    @Test
    void onATerminalItRedrawsOneLine() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "seed", 10, true, () -> now);
        for (int i = 0; i < 10; i++) {
            now += 300_000_000L;
            bar.advance(1, 1);
        }
        bar.finish();

        assertThat(err.toString()).startsWith("\rseed [").endsWith("\n").containsOnlyOnce("\n");
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }
}
