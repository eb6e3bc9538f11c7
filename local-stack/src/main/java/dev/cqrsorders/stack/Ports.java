package dev.cqrsorders.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Loopback port helpers: every server local-stack starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** A port that was free a moment ago (the usual race applies; servers are started right after). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** {@code requested} if positive, otherwise a free port. */
    public static int orFree(int requested) {
        return requested > 0 ? requested : free();
    }

    /** Fails fast with a clear message when something already listens on the port. */
    public static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + port + " for " + what + " is already in use on " + LOOPBACK
                            + " (stop what uses it or choose another port)", e);
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
