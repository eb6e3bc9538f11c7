package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every socket the local stack's servers listen on is bound to the loopback interface, read from the kernel's own
 * tables (/proc/net/tcp and tcp6, matched to the processes' file descriptors) rather than from their configuration.
 */
@WithLocalServers({Server.MARIADB, Server.KAFKA, Server.POSTGRES, Server.FLINK})
class LoopbackOnlyITCase {
    private static final String LISTEN = "0A";

    @Test
    void noServerListensBeyondLoopback(LocalServers stack) throws IOException {
        Map<String, String> listening = listeningSockets(); // socket inode -> local address (hex, as the kernel has it)
        Map<String, Long> servers = Map.of("MariaDB", stack.mariaDb().pid(), "Kafka", stack.kafka().pid(),
                "PostgreSQL", stack.postgres().pid(), "JobManager", stack.flink().jobManagerPid(),
                "TaskManager", stack.flink().taskManagerPid());
        List<String> found = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        servers.forEach((name, pid) -> processTree(pid).forEach(p -> socketInodes(p).forEach(inode -> {
            String address = listening.get(inode);
            if (address != null) {
                found.add(name + " " + readable(address));
                if (!isLoopback(address)) {
                    exposed.add(name + " (PID " + p + ") listens on " + readable(address));
                }
            }
        })));
        System.out.println("listening sockets of the local stack: " + found);
        assertThat(found).as("every server listens somewhere").hasSizeGreaterThanOrEqualTo(servers.size());
        assertThat(exposed).isEmpty();
    }

    private static Stream<Long> processTree(long pid) {
        return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(pid), p.descendants().map(ProcessHandle::pid)))
                .orElse(Stream.empty());
    }

    private static Map<String, String> listeningSockets() throws IOException {
        Map<String, String> sockets = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (LISTEN.equals(f[3])) {
                    sockets.put(f[9], f[1]);
                }
            }
        }
        return sockets;
    }

    private static List<String> socketInodes(long pid) {
        List<String> inodes = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we looked
                }
            });
        } catch (IOException gone) {
            // the process exited
        }
        return inodes;
    }

    /** 127.0.0.0/8 (IPv4, little-endian hex: first byte last), ::1 or ::ffff:127.x.x.x. */
    static boolean isLoopback(String address) {
        String host = address.substring(0, address.indexOf(':'));
        if (host.length() == 8) {
            return host.endsWith("7F");
        }
        return host.equals("00000000000000000000000001000000")
                || host.startsWith("0000000000000000FFFF0000") && host.endsWith("7F");
    }

    private static String readable(String address) {
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
        if (host.length() == 8) {
            return Integer.parseInt(host.substring(6, 8), 16) + "." + Integer.parseInt(host.substring(4, 6), 16) + "."
                    + Integer.parseInt(host.substring(2, 4), 16) + "." + Integer.parseInt(host.substring(0, 2), 16)
                    + ":" + port;
        }
        return "[" + host + "]:" + port;
    }
}
