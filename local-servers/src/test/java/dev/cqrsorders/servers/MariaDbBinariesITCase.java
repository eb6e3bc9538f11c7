package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbBinariesITCase {

    @Test
    void binariesMissingAProgramAreUnpackedAgain(@TempDir Path parent) throws Exception {
        Path binaries = MariaDbBinaries.in(parent);
        Files.delete(binaries.resolve("bin/mariadbd"));

        assertThat(MariaDbBinaries.in(parent)).isEqualTo(binaries);
        assertThat(binaries.resolve("bin/mariadbd")).isExecutable();
        try (var entries = Files.list(parent)) {
            assertThat(entries).as("nothing left beside them").containsExactly(binaries);
        }
    }
}
