package dev.cqrsorders.seed;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr: bar, percentage, rows written, rows/s and ETA. On a terminal it redraws one line
 * (at most 5 times a second); otherwise (a pipe, a log file) it prints a new line every 10 seconds.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final String label;
    private final long totalUnits;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final long intervalNanos;
    private long units;
    private long rows;
    private long lastDrawNanos;
    private int lastLength;

    public ProgressBar(PrintWriter err, String label, long totalUnits, boolean interactive, LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.totalUnits = Math.max(1, totalUnits);
        this.interactive = interactive;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.intervalNanos = interactive ? 200_000_000L : 10_000_000_000L;
        this.lastDrawNanos = startNanos;
    }

    /** Interactive when stderr is (most likely) a terminal. */
    public static ProgressBar onStderr(PrintWriter err, String label, long totalUnits) {
        return new ProgressBar(err, label, totalUnits, System.console() != null, System::nanoTime);
    }

    /** {@code units} of the total are done, having written {@code rows} rows. */
    public void advance(long units, long rows) {
        this.units += units;
        this.rows += rows;
        long now = nanoTime.getAsLong();
        if (now - lastDrawNanos >= intervalNanos) {
            draw(now);
        }
    }

    public void finish() {
        draw(nanoTime.getAsLong());
        if (interactive) {
            err.println();
        }
        err.flush();
    }

    public long rows() {
        return rows;
    }

    public Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    }

    private void draw(long now) {
        lastDrawNanos = now;
        String line = line(now - startNanos);
        if (interactive) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    String line(long elapsedNanos) {
        double fraction = Math.min(1.0, (double) units / totalUnits);
        double seconds = elapsedNanos / 1e9;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = units == 0 || seconds <= 0 ? "--:--"
                : clock((long) Math.ceil(seconds * (1 - fraction) / fraction));
        return String.format(Locale.ROOT, "%s [%s%s] %5.1f%% %,d rows %,.0f rows/s ETA %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, rows,
                seconds > 0 ? rows / seconds : 0.0, eta);
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
