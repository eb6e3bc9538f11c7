package dev.cqrsorders.job.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JFR profile of a running JVM (jcmd JFR.start / JFR.stop) and where its CPU samples fall: the hottest methods by
 * self samples, and the share of samples spent inside each part of the job.
 */
final class JfrProfile {
    private record Part(String name, String framePrefix) {}

    /** Inclusive categories: a sample counts for the first category (in this order) that a frame of its stack matches. */
    private static final List<Part> PARTS = List.of(
            new Part("checkpoints (asynchronous state snapshots)", "org.apache.flink.runtime.state.AsyncSnapshotCallable"),
            new Part("PostgreSQL writer (JDBC)", "dev.cqrsorders.job.sink."),
            new Part("order_updates parsing (Jackson, time)", "dev.cqrsorders.job.events.OrderUpdateParser"),
            new Part("order assembler (state, rendering)", "dev.cqrsorders.job.assemble.OrderAssembler"),
            new Part("user/address fan-outs", "dev.cqrsorders.job.assemble.DimensionFanout"),
            // the router runs chained inside the deserializer's collect call, so its stacks hold the shop.* frames too
            new Part("CDC row conversion and routing", "dev.cqrsorders.job.shop."),
            new Part("CDC source (Debezium)", "io.debezium"),
            new Part("Kafka consumer", "org.apache.kafka.clients.consumer"),
            new Part("RocksDB", "org.rocksdb"),
            new Part("network stack (serialization, Netty)", "org.apache.flink.runtime.io.network"),
            new Part("other Flink runtime", "org.apache.flink"));

    private JfrProfile() {}

    static void start(long pid, Path file) throws Exception {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    static void stop(long pid) throws Exception {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    record Summary(int samples, Map<String, Integer> parts, Map<String, Integer> hottest) {}

    static Summary summarize(Path file) throws IOException {
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> self = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame top = frames.get(0);
            self.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            parts.merge(part(frames), 1, Integer::sum);
        }
        Map<String, Integer> hottest = self.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new Summary(samples, parts, hottest);
    }

    private static String part(List<RecordedFrame> frames) {
        for (Part part : PARTS) {
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().startsWith(part.framePrefix())) {
                    return part.name();
                }
            }
        }
        return "other (JDK, threads outside Flink)";
    }

    private static void jcmd(long pid, String... args) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + output);
        }
    }
}
