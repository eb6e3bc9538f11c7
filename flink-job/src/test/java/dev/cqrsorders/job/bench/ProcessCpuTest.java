package dev.cqrsorders.job.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessCpuTest {
    private static volatile long sink;

    @Test
    void aThreadThatEndedBetweenTheSamplesStillCounts() throws Exception {
        long pid = ProcessHandle.current().pid();
        Map<String, Long> before = ProcessCpu.threadTicks(pid);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread busy = new Thread(() -> {
            long sum = 0;
            while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
                sum += System.nanoTime() % 7;
            }
            sink = sum;
        }, "short-lived-busy");
        busy.start();
        busy.join();
        // join returns once the Java thread is done; its kernel thread leaves /proc/PID/task a moment later
        Map<String, Long> after = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> ProcessCpu.threadTicks(pid),
                        ticks -> ticks.keySet().stream().noneMatch(thread -> thread.endsWith(" short-lived-bus")));

        Map<String, Double> seconds = ProcessCpu.threadSeconds(before, after);

        assertThat(seconds).doesNotContainKey("short-lived-bus");
        assertThat(seconds.get(ProcessCpu.ENDED)).isGreaterThanOrEqualTo(0.25);
    }
}
