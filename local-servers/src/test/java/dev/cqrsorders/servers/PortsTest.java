package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Set<Integer> claimed = new HashSet<>();
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

    /** A free port that some other process binds before the server checks it is replaced by another free one. */
    @Test
    void aFreePortTakenMeanwhileIsChosenAgain() throws Exception {
        List<Integer> tried = new ArrayList<>();
        try (ServerSocket other = new ServerSocket()) {
            int started = Ports.startOn(0, port -> {
                tried.add(port);
                if (tried.size() == 1) {
                    bind(other, port); // another process takes it before the server's check
                }
                Ports.requireFree(port, "the server");
                return port;
            });
            assertThat(tried).hasSize(2);
            assertThat(started).isEqualTo(tried.get(1)).isNotEqualTo(tried.get(0));
        }
    }

    @Test
    void aRequestedPortInUseFailsAtOnce() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            int port = Ports.free();
            bind(other, port);
            assertThatThrownBy(() -> Ports.startOn(port, p -> {
                Ports.requireFree(p, "the server");
                return p;
            })).isInstanceOf(Ports.PortInUseException.class).hasMessageContaining("port " + port + " for the server");
        }
    }

    private static void bind(ServerSocket socket, int port) {
        try {
            socket.bind(new InetSocketAddress(Ports.LOOPBACK, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
