package dev.cqrsorders.api.bench;

import dev.cqrsorders.servers.BenchmarkDoc;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ApiBenchmark's output: {@code BENCH name value unit} lines as figures are measured, and at the end its section of
 * docs/benchmarks.md (machine, command, date, tables) with a plot of the API's latency percentiles.
 */
final class BenchmarkSection {
    private final String name;
    private final Instant began = Instant.now();
    private final List<String> rows = new ArrayList<>();
    private final DefaultCategoryDataset latency = new DefaultCategoryDataset();
    private String paced = "";

    BenchmarkSection(String name) {
        this.name = name;
    }

    void figure(String figure, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s.%s %s %s%n", name, figure, ApiBenchmark.format(value), unit);
    }

    /** One table row: the API's and pgbench's medians, their ratio, the last API run's latencies and CPU. */
    void row(String what, double api, double pgbench, double ratio, ApiBenchmark.Wrk last, double cpuMicros) {
        rows.add("| " + what + " | " + ApiBenchmark.format(api) + " | " + ApiBenchmark.format(pgbench) + " | "
                + ApiBenchmark.format(ratio) + " | " + percentiles(last) + " | " + ApiBenchmark.format(cpuMicros) + " |");
        last.percentiles().forEach((p, ms) -> latency.addValue(ms, what.replace("`", ""), "p" + p));
    }

    void paced(ApiBenchmark.Wrk run, double target, int connections) {
        paced = "At half the peak rate (target " + ApiBenchmark.format(target) + " req/s, wrk paced on " + connections
                + " connections): "
                + ApiBenchmark.format(run.rate()) + " req/s, " + percentiles(run) + ".\n";
        run.percentiles().forEach((p, ms) -> latency.addValue(ms, "GET /order_details/{id}, half the peak rate", "p" + p));
    }

    private static String percentiles(ApiBenchmark.Wrk run) {
        return String.join(", ", run.percentiles().entrySet().stream()
                .map(e -> "p" + e.getKey() + " " + ApiBenchmark.format(e.getValue()) + " ms").toList());
    }

    void write(Path docs, int orders, int seconds, int rounds) throws Exception {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createBarChart("serving-api latency (wrk)", "percentile", "milliseconds",
                latency, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(docs.resolve("benchmarks-api-latency.png").toFile(), chart, 900, 450);
        String markdown = "## serving-api beside PostgreSQL\n\n"
                + "Written by `ApiBenchmark` (serving-api, profile `benchmark`); do not edit by hand.\n\n"
                + "- command: `mvn -B -ntp install -DskipTests && mvn -B -ntp -pl serving-api verify -Pbenchmark -Dit.test=ApiBenchmark` "
                + "(needs `wrk` and `pgbench`)\n"
                + "- date: " + began + "\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "\n"
                + "- " + orders + " orders in order_details (1–5 items each); each figure the median of " + rounds
                + " alternating runs of " + seconds + " s: wrk on the API, then pgbench (`-M prepared`) on the very"
                + " statement the API runs, never at the same time\n\n"
                + "| request | API req/s | pgbench tps | ratio | API latency (last run) | API CPU µs/request |\n"
                + "|---|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n\n" + paced + "\n"
                + "![serving-api latency](benchmarks-api-latency.png)\n";
        BenchmarkDoc.writeSection(docs.resolve("benchmarks.md"), name, markdown);
    }
}
