package dev.cqrsorders.job.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's output: one {@code BENCH name value unit} line per figure as it is measured, and at the end
 * its section of docs/benchmarks.md with the figures in tables and two PNG plots (throughput per variant and round, freshness CDF).
 */
final class BenchmarkReport {
    private final List<String> sections = new ArrayList<>();
    private final DefaultCategoryDataset throughput = new DefaultCategoryDataset();
    private final Map<String, Latencies> freshness = new LinkedHashMap<>();

    void figure(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %s %s%n", name, format(value), unit);
    }

    void section(String markdown) {
        sections.add(markdown);
    }

    void throughput(String variant, String round, double eventsPerSecond) {
        throughput.addValue(eventsPerSecond, variant, round);
    }

    void freshness(String name, Latencies latencies) {
        freshness.put(name, latencies);
    }

    void write(Path docs, String header) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(docs);
        JFreeChart bars = ChartFactory.createBarChart("Saturation: events/s applied (2M events over 200k orders)",
                "round", "events/s", throughput, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(docs.resolve("benchmarks-throughput.png").toFile(), bars, 900, 450);

        XYSeriesCollection cdf = new XYSeriesCollection();
        freshness.forEach((name, latencies) -> {
            XYSeries series = new XYSeries(name);
            double[] values = latencies.values();
            for (int i = 0; i < values.length; i++) {
                series.add(Math.max(values[i], 0.1), 100.0 * (i + 1) / values.length);
            }
            cdf.addSeries(series);
        });
        JFreeChart lines = ChartFactory.createXYLineChart("Freshness: change → visible in PostgreSQL (CDF)",
                "milliseconds (log)", "percent of probes", cdf, PlotOrientation.VERTICAL, true, false, false);
        ((XYPlot) lines.getPlot()).setDomainAxis(new LogAxis("milliseconds (log)"));
        ChartUtils.saveChartAsPNG(docs.resolve("benchmarks-freshness.png").toFile(), lines, 900, 450);

        StringBuilder md = new StringBuilder(header).append("\n");
        sections.forEach(s -> md.append(s).append("\n"));
        md.append("""
                ### Plots

                ![throughput per variant and round](benchmarks-throughput.png)

                ![freshness CDF](benchmarks-freshness.png)
                """);
        dev.cqrsorders.servers.BenchmarkDoc.writeSection(docs.resolve("benchmarks.md"), "flink-job", md.toString());
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
