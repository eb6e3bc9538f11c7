package dev.cqrsorders.servers.flink;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.NetUtils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;

/**
 * Flink's Prometheus reporter, listening on one address: Flink 1.20's binds every interface, and the local servers
 * listen on 127.0.0.1 only. Configured as Flink's ({@code port}: a range, each Flink process takes the first free
 * one) plus {@code host} (default 127.0.0.1).
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new Reporter(properties.getProperty("host", "127.0.0.1"),
                NetUtils.getPortRangeFromString(properties.getProperty("port", "9249")));
    }

    static final class Reporter extends AbstractPrometheusReporter {
        private final HTTPServer server;

        Reporter(String host, Iterator<Integer> ports) {
            server = listen(host, ports, registry(this));
            log.info("Prometheus metrics on http://{}:{}/metrics", host, server.getPort());
        }

        private static HTTPServer listen(String host, Iterator<Integer> ports, CollectorRegistry registry) {
            while (ports.hasNext()) {
                try {
                    return new HTTPServer(new InetSocketAddress(host, ports.next()), registry, true);
                } catch (IOException taken) {
                    // another Flink process listens there: the next port of the range
                }
            }
            throw new IllegalStateException("no free port in the Prometheus reporter's range on " + host);
        }

        @Override
        public void close() {
            server.stop();
            super.close();
        }

        /** The registry the base class fills: a package-private field, read once here instead of copying the class. */
        private static CollectorRegistry registry(AbstractPrometheusReporter reporter) {
            try {
                var field = AbstractPrometheusReporter.class.getDeclaredField("registry");
                field.setAccessible(true);
                return (CollectorRegistry) field.get(reporter);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Flink's Prometheus reporter has no registry field", e);
            }
        }
    }
}
