package dev.cqrsorders.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md is written by more than one benchmark (the job's, serving-api's): each owns a section between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->} and replaces only that, appending it the first time.
 */
public final class BenchmarkDoc {
    private BenchmarkDoc() {}

    public static void writeSection(Path file, String name, String markdown) throws IOException {
        String begin = "<!-- BEGIN " + name + " -->\n";
        String end = "<!-- END " + name + " -->\n";
        String section = begin + markdown.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
