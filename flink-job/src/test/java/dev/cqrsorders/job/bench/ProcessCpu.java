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

    /** The key of {@link #threadTicks}'s entry for the whole process, the threads that have ended included. */
    private static final String PROCESS = "";
    /** The line of {@link #threadSeconds} for threads that ended between the two calls. */
    static final String ENDED = "(threads that ended)";

    /** Ticks per live thread of one process (keyed "tid name") and, under {@link #PROCESS}, of the whole process. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put(PROCESS, ownTicks(pid, false));
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                List<String> fields = statFields(task.resolve("stat"));
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                } catch (IOException gone) {
                    continue;
                }
                if (fields != null) {
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ticks;
    }

    /**
     * CPU seconds per thread name of one process between two calls' results (/proc/PID/task: the kernel's names of
     * at most 15 characters, digits dropped so that a pool is one line), most first; native threads (RocksDB's
     * compactions and flushes) included, which a JFR sample never sees. Threads that ended meanwhile (Flink CDC starts
     * a snapshot reader per split) are gone from /proc/PID/task but not from the process's time: one line, {@link #ENDED}.
     */
    static Map<String, Double> threadSeconds(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> byName = new LinkedHashMap<>();
        long live = 0;
        for (Map.Entry<String, Long> thread : to.entrySet()) {
            if (!thread.getKey().equals(PROCESS)) {
                long ticks = thread.getValue() - from.getOrDefault(thread.getKey(), 0L);
                live += ticks;
                byName.merge(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), ticks, Long::sum);
            }
        }
        byName.put(ENDED, to.get(PROCESS) - from.get(PROCESS) - live);
        Map<String, Double> out = new LinkedHashMap<>();
        byName.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() * TICK_SECONDS));
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
