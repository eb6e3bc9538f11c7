package dev.cqrsorders.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per component from /proc (user + system, in clock ticks of 10 ms): the JVMs and MariaDB are one process
 * each; PostgreSQL is its postmaster, whose reaped connections count in its children's time, plus the live ones.
 */
final class ProcessCpu {
    private static final double TICK_SECONDS = 0.01;
    private final Map<String, Long> pids;

    /** Component name → process id; a name starting with "postgres" also counts the process's children. */
    ProcessCpu(Map<String, Long> pids) {
        this.pids = pids;
    }

    record Sample(Map<String, Long> ticks, long nanos) {}

    Sample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, name.startsWith("postgres") ? treeTicks(pid) : ownTicks(pid, false)));
        return new Sample(ticks, System.nanoTime());
    }

    /** Per component: CPU seconds used between the samples. */
    static Map<String, Double> seconds(Sample from, Sample to) {
        Map<String, Double> out = new LinkedHashMap<>();
        to.ticks().forEach((name, t) -> out.put(name, (t - from.ticks().getOrDefault(name, 0L)) * TICK_SECONDS));
        return out;
    }

    private static long treeTicks(long pid) {
        long total = ownTicks(pid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                List<String> fields = statFields(proc.resolve("stat"));
                if (fields != null && Long.parseLong(fields.get(1)) == pid) {
                    total += Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    private static long ownTicks(long pid, boolean withReapedChildren) {
        List<String> fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        if (fields == null) {
            return 0;
        }
        long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        if (withReapedChildren) {
            ticks += Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
        }
        return ticks;
    }

    /** The fields of /proc/PID/stat after "pid (comm) ": state, ppid, ... (utime is index 11). */
    private static List<String> statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            return List.of(text.substring(text.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException gone) {
            return null;
        }
    }
}
