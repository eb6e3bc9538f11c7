package dev.cqrsorders.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Makes sure a server never outlives the JVM that started it, even when that JVM is killed (a hung test fork that
 * Failsafe kills, {@code kill -9}, an IDE stop button): for every server PID a tiny {@code sh} watchdog polls this
 * JVM once a second and, once it is gone, sends the server SIGTERM and, 10 s later, SIGKILL. The watchdog exits as
 * soon as the server does. Only PIDs that local-servers started are ever signalled. It ignores SIGINT, SIGTERM and
 * SIGHUP: a signal to a whole process group (Ctrl-C, a closed terminal, {@code kill -- -PGID}) reaches the watchdogs
 * too, and the servers, in sessions of their own ({@link ChildProcess}), outlive it until their owner stops them or
 * the watchdog sees the owner gone.
 */
final class OrphanReaper {
    private static final String SCRIPT = """
            trap '' INT TERM HUP
            parent=$1; child=$2
            while kill -0 "$child" 2>/dev/null; do
              if ! kill -0 "$parent" 2>/dev/null; then
                kill -TERM "$child" 2>/dev/null
                for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$child" 2>/dev/null || exit 0; sleep 1; done
                kill -KILL "$child" 2>/dev/null
                exit 0
              fi
              sleep 1
            done
            """;

    private OrphanReaper() {}

    static void watch(long childPid) {
        long self = ProcessHandle.current().pid();
        try {
            new ProcessBuilder(List.of("sh", "-c", SCRIPT, "local-servers-reaper",
                    Long.toString(self), Long.toString(childPid)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the watchdog for PID " + childPid, e);
        }
    }
}
