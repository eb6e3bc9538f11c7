package dev.cqrsorders.job.shop;

import java.util.ArrayDeque;

/**
 * Times up to which the binlog reader has read every MySQL commit. The caller reports the reader's heartbeats (the
 * position it has read to) and samples of where MySQL's binlog ends and when ({@link BinlogVersion#current}): a
 * sample's time counts once the reader has reached its end — at once when the reader has caught up, later when it is
 * behind. A heartbeat's own clock says nothing of this (Debezium also sends them while it catches up), and MySQL
 * sends them to an idle reader only every few seconds: sampling in between keeps the time current.
 */
public final class BinlogClock {
    /** Ends not reached yet; a reader far behind keeps the newest ones (an older one only releases an older time). */
    private static final int MAX_WAITING = 1024;

    /** {end, time} in the order they were read: both grow. */
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    private long reached = -1;

    /** Whether a heartbeat came: only the reader of the binlog gets them. */
    public boolean reading() {
        return reached >= 0;
    }

    /** The reader has read up to {@code position}: the newest time this releases, or -1. */
    public long heartbeat(long position) {
        reached = Math.max(reached, position);
        long readUpTo = -1;
        while (!waiting.isEmpty() && waiting.peekFirst()[0] <= reached) {
            readUpTo = waiting.pollFirst()[1];
        }
        return readUpTo;
    }

    /** MySQL's binlog ended at {@code end} at {@code time}: {@code time} if the reader is there already, else -1. */
    public long sample(long end, long time) {
        if (end <= reached) {
            return time;
        }
        if (waiting.size() == MAX_WAITING) {
            waiting.pollFirst();
        }
        waiting.addLast(new long[] {end, time});
        return -1;
    }
}
