package dev.cqrsorders.job.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples in milliseconds and their percentiles (nearest rank). */
final class Latencies {
    private final double[] sorted;

    Latencies(List<Double> millis) {
        this.sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double[] values() {
        return Arrays.copyOf(sorted, sorted.length);
    }
}
