package dev.cqrsorders.seed.events;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) asks the send loop to stop; the JVM's shutdown then waits (a few seconds at most) until the
 * loop has flushed the producer and printed its summary.
 */
final class StopSignal implements AutoCloseable {
    private static final long GRACE_SECONDS = 10;

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "seed-data-events-stop");

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    private void onShutdown() {
        requested = true;
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop is done (summary printed): shutdown may proceed; outside a shutdown the hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it just returns now
        }
    }
}
