package dev.cqrsorders.job.bench;

import dev.cqrsorders.job.assemble.ItemLines;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.types.CompactSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The strings of one rendered order (user, address, item lines and their JSON) written and read by Flink's
 * {@link StringValue} and by {@link CompactSerializer}, which writes the same bytes. JMH, one fork each, in the same
 * run: {@code mvn -B -ntp -pl flink-job verify -Pbenchmark -Dit.test=StringCodecBenchmark}. Prints nanoseconds per
 * order's strings and the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StringCodecBenchmark {
    @Param({"StringValue", "CompactSerializer"})
    public String codec;

    private boolean flink;
    private String[] strings;
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private byte[] written;

    @Setup
    public void setUp() throws IOException {
        flink = codec.equals("StringValue");
        ItemLines lines = new ItemLines(new ShopRow.Item[] {
                new ShopRow.Item(1, 7, "Margherita pizza", 2, 1250),
                new ShopRow.Item(2, 7, "Sparkling water 0.5l", 1, 200),
                new ShopRow.Item(3, 7, "Tiramisu", 1, 600)});
        strings = new String[] {"Jane Doe", "jane.doe@example.com", "+1-555-0100",
                "1234 Elm Street, Springfield, IL, 62704, US", "created", lines.details(), lines.json()};
        for (String s : strings) {
            StringValue.writeString(s, out);
        }
        written = out.getCopyOfBuffer();
    }

    @Benchmark
    public int write() throws IOException {
        out.clear();
        for (String s : strings) {
            if (flink) {
                StringValue.writeString(s, out);
            } else {
                CompactSerializer.writeString(s, out);
            }
        }
        return out.length();
    }

    @Benchmark
    public int read() throws IOException {
        in.setBuffer(written);
        int length = 0;
        for (int i = 0; i < strings.length; i++) {
            length += (flink ? StringValue.readString(in) : CompactSerializer.readString(in)).length();
        }
        return length;
    }

    @Test
    void run() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(StringCodecBenchmark.class.getName() + "\\.").build()).run();
        for (String direction : new String[] {"write", "read"}) {
            double flink = score(results, direction, "StringValue");
            double ours = score(results, direction, "CompactSerializer");
            System.out.printf("BENCH strings.%s.flink_string_value %.1f ns/order%n", direction, flink);
            System.out.printf("BENCH strings.%s.compact_serializer %.1f ns/order%n", direction, ours);
            System.out.printf("BENCH strings.%s.ratio %.2f x%n", direction, flink / ours);
        }
    }

    private static double score(Collection<RunResult> results, String method, String codec) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && r.getParams().getParam("codec").equals(codec))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
