package dev.cqrsorders.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/** Loopback port helpers: every server local-servers starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";
    private static final int FIRST_UNPRIVILEGED = 10_000;
    private static final int EPHEMERAL_FIRST = ephemeralRangeStart();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new SecureRandom();

    private Ports() {}

    /**
     * A port that was free a moment ago, chosen at random below the kernel's ephemeral range: the servers are started
     * a few seconds after their ports are chosen, and a port from the ephemeral range can meanwhile become the local
     * end of some outgoing connection (seen in CI: "port 40771 for MariaDB is already in use"). Never the same port
     * twice in one JVM.
     */
    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST_UNPRIVILEGED + RANDOM.nextInt(EPHEMERAL_FIRST - FIRST_UNPRIVILEGED);
            if (canBind(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " between " + FIRST_UNPRIVILEGED + " and "
                + EPHEMERAL_FIRST);
    }

    /**
     * Claims {@code port} for this JVM as {@link #free} does: false if it was handed out already. For the neighbours
     * of a port range, which a server binds later (CI: a Flink cluster's range held a port chosen before for the next
     * cluster's REST API, and a TaskManager bound it first).
     */
    static boolean claim(int port) {
        return HANDED_OUT.add(port);
    }

    static boolean isHandedOut(int port) {
        return HANDED_OUT.contains(port);
    }

    /** The first port of Linux's ephemeral range (32768 by default; elsewhere the IANA range 49152 applies). */
    private static int ephemeralRangeStart() {
        try {
            // not Files.readString: procfs files report a size of 0, and it returned "3" of "32768 60999" here, so
            // ports were chosen up to 49152, inside the range (CI: a Kafka client's retries to the broker's port,
            // before it listened, connected to themselves from that very port, and the broker could not bind it)
            String range = String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
            int first = Integer.parseInt(range.trim().split("\\s+")[0]);
            return first > FIRST_UNPRIVILEGED + 1_000 ? first : 49_152;
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts a server on {@code requested} if positive, otherwise on a free port, choosing another one when some
     * other process took it before the server's {@link #requireFree} (CI: "port 10526 for the Flink REST API is
     * already in use" a moment after it was found free).
     */
    public static <T> T startOn(int requested, IntFunction<T> start) {
        if (requested > 0) {
            return start.apply(requested);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return start.apply(free());
            } catch (PortInUseException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Fails fast with a clear message when something already listens on the port. */
    public static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new PortInUseException("port " + port + " for " + what + " is already in use on " + LOOPBACK
                    + " (stop what uses it or choose another port)", e);
        }
    }

    /** Thrown by {@link #requireFree}. */
    public static final class PortInUseException extends IllegalStateException {
        PortInUseException(String message, IOException cause) {
            super(message, cause);
        }
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until something accepts connections on the port, or throws when {@code process} dies first. */
    public static void awaitOpen(int port, Duration timeout, ChildProcess process) {
        Instant deadline = Instant.now().plus(timeout);
        while (!isOpen(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with code " + process.exitCode()
                        + " before opening port " + port + "; see " + process.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("port " + port + " not open after " + timeout
                        + (process == null ? "" : "; see " + process.logFile()));
            }
            sleep(50);
        }
    }

    /** Waits until nothing accepts connections on the port any more (a stopped server released it). */
    public static void awaitClosed(int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (isOpen(port) && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
