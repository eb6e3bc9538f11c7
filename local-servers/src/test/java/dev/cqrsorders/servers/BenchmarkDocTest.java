package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkDocTest {

    @Test
    void eachBenchmarkReplacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        BenchmarkDoc.writeSection(doc, "job", "## job\n\nrun 1\n");
        BenchmarkDoc.writeSection(doc, "api", "## api\n\nrun 1\n");
        BenchmarkDoc.writeSection(doc, "job", "## job\n\nrun 2\n");

        assertThat(Files.readString(doc)).isEqualTo("""
                # Benchmarks

                <!-- BEGIN job -->
                ## job

                run 2
                <!-- END job -->

                <!-- BEGIN api -->
                ## api

                run 1
                <!-- END api -->
                """);
    }
}
