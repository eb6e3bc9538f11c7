package dev.cqrsorders.api.bench;

import dev.cqrsorders.api.orderdetails.OrderDetailsRepository;
import dev.cqrsorders.readmodel.ReadModelSchema;
import dev.cqrsorders.servers.Credentials;
import dev.cqrsorders.servers.Ports;
import dev.cqrsorders.servers.PostgresServer;
import dev.cqrsorders.servers.WorkDir;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * serving-api against PostgreSQL answering the same statements, in one run on one machine: wrk (Debian's package)
 * on the API, pgbench on the API's own SQL, the same rows, one after the other so that neither shares the other's
 * window. Run it with {@code mvn -B -ntp install -DskipTests && mvn -B -ntp -pl serving-api verify -Pbenchmark -Dit.test=ApiBenchmark}
 * (needs {@code wrk} and {@code pgbench}: {@code apt-get install wrk postgresql-client}); it prints one
 * {@code BENCH name value unit} line per figure and writes its section of docs/benchmarks.md and a latency plot.
 *
 * <ol>
 *   <li>{@code GET /order_details/{id}} on random ids at 32 and 4 connections beside pgbench's PK select at the same
 *   client counts, three alternations each; the API's CPU per request from /proc.</li>
 *   <li>The same at half the API's peak rate (wrk paced per connection, each waiting ~10 ms): its latency percentiles.</li>
 *   <li>{@code GET /order_details?limit=1000&after=} on random pages beside pgbench's page query.</li>
 * </ol>
 */
class ApiBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 100_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern PGBENCH_TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final BenchmarkSection report = new BenchmarkSection("serving-api");
    private PostgresServer postgres;
    private Path work;

    @Test
    void run() throws Exception {
        work = Path.of("target", "api-benchmark").toAbsolutePath();
        postgres = loadedPostgres(work, ORDERS, report);
        try (PostgresServer ignored = postgres) {
            try (ApiProcess api = ApiProcess.start(postgres, work)) {
                measure(api);
            }
        }
    }

    /** A PostgreSQL of its own under an emptied {@code work}, with the read model's schema and {@code orders} orders. */
    static PostgresServer loadedPostgres(Path work, int orders, BenchmarkSection report) throws Exception {
        WorkDir.wipe(work);
        Files.createDirectories(work);
        Credentials c = Credentials.defaults();
        PostgresServer postgres = PostgresServer.start(Ports.free(), work.resolve("postgres"), c);
        ReadModelSchema.migrate(postgres.jdbcUrl(), c.postgresOwner(), c.postgresOwnerPassword());
        report.figure("load.seconds", load(postgres, orders), "s");
        return postgres;
    }

    /** {@code orders} orders of 1–5 items, shaped as the job writes them; returns the seconds it took. */
    private static double load(PostgresServer postgres, int orders) throws Exception {
        Instant start = Instant.now();
        try (Connection owner = postgres.connectAsOwner(); Statement s = owner.createStatement()) {
            s.execute("""
                    INSERT INTO order_details (order_id, user_id, user_name, user_email, user_phone, address_id,
                        full_address, total, order_date, order_status, last_order_update, item_count, items_total,
                        order_items_details, items, row_version, status_key)
                    SELECT o, 1 + o % 10000, 'User ' || (o % 10000), 'user' || (o % 10000) || '@example.com',
                        '+1 555 ' || lpad((o % 10000)::text, 4, '0'), o, o || ' Main St, Springfield, IL, 62701, USA',
                        (o % 50000) / 100.0 + 1, TIMESTAMP '2026-11-01' + o * INTERVAL '1 second',
                        (ARRAY['created','received','preparing','ready','picked_up','delivered','cancelled'])[1 + o % 7],
                        TIMESTAMP '2026-11-01' + o * INTERVAL '1 second' + INTERVAL '5 minutes',
                        n, n * 12.50, it.details, it.items, o, o
                    FROM generate_series(1, :orders) AS o,
                         LATERAL (SELECT 1 + o % 5 AS n) AS count,
                         LATERAL (SELECT string_agg('Product ' || i || ' (Qty: 2, Price: 6.25, Total: 12.50)', '; '
                                                    ORDER BY i) AS details,
                                         jsonb_agg(jsonb_build_object('item_id', o * 10 + i, 'product_name', 'Product ' || i,
                                                   'quantity', 2, 'price', '6.25', 'line_total', '12.50') ORDER BY i) AS items
                                  FROM generate_series(1, n) AS i) AS it
                    """.replace(":orders", Integer.toString(orders)));
            s.execute("VACUUM ANALYZE order_details");
        }
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private void measure(ApiProcess api) throws Exception {
        // pgbench runs the API's own statements (its variables have the same :name form)
        String byId = OrderDetailsRepository.BY_ID;
        String page = OrderDetailsRepository.ALL;
        Path byIdScript = pgbenchScript("by-id", "\\set orderId random(1, " + ORDERS + ")\n" + byId + ";\n");
        Path pageScript = pgbenchScript("page", "\\set after random(0, " + (ORDERS - 1000) + ")\n\\set limit 1001\n"
                + page + ";\n");
        Path randomId = wrkScript("random-id", "/order_details/\" .. math.random(1, " + ORDERS + ")", 0);
        Path randomPage = wrkScript("random-page", "/order_details?limit=1000&after=\" .. math.random(0, "
                + (ORDERS - 1000) + ")", 0);

        wrk(api, randomId, 32, 30); // warm-up: the JIT, the pools (10 s was not enough: round 1 ran at half of round 3)
        Map<String, Double> peak = new LinkedHashMap<>();
        for (int connections : new int[] {32, 4}) {
            List<Double> apiRates = new ArrayList<>();
            List<Double> pgRates = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            Wrk last = null;
            for (int round = 1; round <= ROUNDS; round++) {
                double pg = pgbench(byIdScript, connections).tps();
                last = wrk(api, randomId, connections, SECONDS);
                apiRates.add(last.rate());
                pgRates.add(pg);
                cpu.add(last.apiCpuMicrosPerRequest());
                report.figure("by_id.c" + connections + ".round" + round + ".api", last.rate(), "req/s");
                report.figure("by_id.c" + connections + ".round" + round + ".pgbench", pg, "tps");
            }
            double ratio = median(ratios(apiRates, pgRates));
            peak.put("c" + connections, median(apiRates));
            report.figure("by_id.c" + connections + ".ratio", ratio, "x");
            report.figure("by_id.c" + connections + ".api_cpu_per_request", median(cpu), "µs");
            report.row("`GET /order_details/{id}`, " + connections + " connections", median(apiRates), median(pgRates),
                    ratio, last, median(cpu));
        }

        double half = peak.get("c32") / 2;
        // wrk waits whole milliseconds between a connection's requests: enough connections that each waits ~10 ms
        int pacedConnections = (int) Math.max(4, Math.round(half / 100));
        Path paced = wrkScript("paced", "/order_details/\" .. math.random(1, " + ORDERS + ")",
                pacedConnections / half * 1000);
        Wrk halfRate = wrk(api, paced, pacedConnections, SECONDS);
        report.figure("by_id.half_peak.rate", halfRate.rate(), "req/s");
        halfRate.percentiles().forEach((p, ms) -> report.figure("by_id.half_peak.p" + p, ms, "ms"));
        report.paced(halfRate, half, pacedConnections);

        List<Double> apiPages = new ArrayList<>();
        List<Double> pgPages = new ArrayList<>();
        Wrk lastPage = null;
        List<Double> pageCpu = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            pgPages.add(pgbench(pageScript, 4).tps());
            lastPage = wrk(api, randomPage, 4, SECONDS);
            apiPages.add(lastPage.rate());
            pageCpu.add(lastPage.apiCpuMicrosPerRequest());
        }
        double pageRatio = median(ratios(apiPages, pgPages));
        report.figure("page1000.c4.ratio", pageRatio, "x");
        report.row("`GET /order_details?limit=1000`, 4 connections", median(apiPages), median(pgPages), pageRatio,
                lastPage, median(pageCpu));
        report.write(Path.of("..", "docs"), ORDERS, SECONDS, ROUNDS);
    }

    record Pgbench(double tps, double latencyMs) {}

    private Pgbench pgbench(Path script, int clients) throws Exception {
        Credentials c = postgres.credentials();
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", "2", "-T", Integer.toString(SECONDS), "-f", script.toString(), "-h", Ports.LOOPBACK,
                "-p", Integer.toString(postgres.port()), "-U", c.postgresApiUser(), c.postgresDatabase())
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", c.postgresApiPassword());
        String out = run(builder);
        return new Pgbench(group(PGBENCH_TPS, out), group(PGBENCH_LATENCY, out));
    }

    /** wrk's figures and the API's CPU meanwhile. */
    record Wrk(double rate, Map<String, Double> percentiles, double apiCpuMicrosPerRequest, long requests) {}

    static Wrk wrk(ApiProcess api, Path script, int connections, int seconds) throws Exception {
        long cpuBefore = api.cpuTicks();
        String out = run(new ProcessBuilder("wrk", "-t", "2", "-c", Integer.toString(connections),
                "-d", seconds + "s", "--latency", "-s", script.toString(), api.url()).redirectErrorStream(true));
        long cpuTicks = api.cpuTicks() - cpuBefore;
        if (out.contains("Non-2xx or 3xx responses")) {
            throw new IllegalStateException("the API answered errors under load:\n" + out);
        }
        double rate = group(WRK_RATE, out);
        Map<String, Double> percentiles = new LinkedHashMap<>();
        Matcher m = WRK_PERCENTILE.matcher(out);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            percentiles.put(m.group(1), switch (m.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            });
        }
        long requests = Math.round(rate * seconds);
        return new Wrk(rate, percentiles, cpuTicks * 10_000.0 / Math.max(1, requests), requests);
    }

    private Path pgbenchScript(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name + ".sql"), text);
    }

    /** A wrk script requesting {@code pathExpression} (Lua), each connection waiting {@code delayMs} between requests. */
    private Path wrkScript(String name, String pathExpression, double delayMs) throws Exception {
        return wrkScript(work, name, pathExpression, delayMs);
    }

    static Path wrkScript(Path work, String name, String pathExpression, double delayMs) throws Exception {
        String lua = "math.randomseed(os.time())\nrequest = function()\n  return wrk.format(\"GET\", \"" + pathExpression
                + ")\nend\n" + (delayMs > 0 ? "delay = function()\n  return " + Math.round(delayMs) + "\nend\n" : "");
        return Files.writeString(work.resolve(name + ".lua"), lua);
    }

    static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed:\n" + out);
        }
        return out;
    }

    private static double group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) / b.get(i));
        }
        return out;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    /** serving-api's runnable jar in its own JVM, as operators run it, against the benchmark's PostgreSQL. */
    static final class ApiProcess implements AutoCloseable {
        private final Process process;
        private final int port;

        private ApiProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ApiProcess start(PostgresServer postgres, Path work) throws Exception {
            int port = Ports.free();
            Path jar = Path.of(System.getProperty("serving-api.jar", "target/serving-api-0.1.0-SNAPSHOT.jar"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m"));
            // -Dbench.api-jfr=true: a JFR recording of the API's whole run (target/api-benchmark/serving-api.jfr)
            if (Boolean.getBoolean("bench.api-jfr")) {
                command.add("-XX:StartFlightRecording=settings=profile,filename=" + work.resolve("serving-api.jfr"));
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("serving-api.log").toFile());
            builder.environment().put("API_PORT", Integer.toString(port));
            builder.environment().put("DATASOURCE_URL", postgres.jdbcUrl());
            ApiProcess api = new ApiProcess(builder.start(), port);
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(api.url() + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return api;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline) || !api.process.isAlive()) {
                    api.close();
                    throw new IllegalStateException("serving-api did not become healthy: see " + work.resolve("serving-api.log"));
                }
                Thread.sleep(200);
            }
        }

        String url() {
            return "http://" + Ports.LOOPBACK + ":" + port;
        }

        /** utime + stime of the API's JVM, in clock ticks (1/100 s). */
        long cpuTicks() throws Exception {
            long[] ticks = userAndSystemTicks();
            return ticks[0] + ticks[1];
        }

        /** utime and stime of the API's JVM, in clock ticks (1/100 s). */
        long[] userAndSystemTicks() throws Exception {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
