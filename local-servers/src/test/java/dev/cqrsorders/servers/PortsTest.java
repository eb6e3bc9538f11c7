package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {
    /** A port from the kernel's ephemeral range may meanwhile be the local end of an outgoing connection. */
    @Test
    void freePortsAreBelowTheEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int first = Files.exists(range)
                ? Integer.parseInt(String.join(" ", Files.readAllLines(range)).trim().split("\\s+")[0]) : 49_152;
        for (int i = 0; i < 200; i++) {
            assertThat(Ports.free()).isBetween(10_000, first - 1);
        }
    }

    /** A port range's neighbours, claimed for a server that binds them later, are never handed out again. */
    @Test
    void aClaimedPortIsNeverHandedOut() {
        java.util.Set<Integer> claimed = new java.util.HashSet<>();
        int base = Ports.free();
        for (int port = base + 1; port <= base + 2_000 && port < 32_768; port++) {
            if (Ports.claim(port)) {
                claimed.add(port);
            }
        }
        assertThat(claimed).isNotEmpty();
        assertThat(Ports.claim(claimed.iterator().next())).isFalse();
        for (int i = 0; i < 500; i++) {
            assertThat(claimed).doesNotContain(Ports.free());
        }
    }
}
