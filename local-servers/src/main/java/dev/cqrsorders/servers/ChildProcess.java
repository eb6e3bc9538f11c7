package dev.cqrsorders.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process that local-servers started: output goes to a log file, and an {@link OrphanReaper} stops it even
 * when this JVM is killed. {@link #stop()} sends SIGTERM, waits, then SIGKILL — only to this PID and its children.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final List<String> command;
    private final Path workDir;
    private final Map<String, String> environment;

    private ChildProcess(String name, Process process, Path logFile, List<String> command, Path workDir,
                         Map<String, String> environment) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.command = command;
        this.workDir = workDir;
        this.environment = environment;
    }

    /**
     * util-linux's {@code setsid}, where there is one: a server in a session of its own does not get the SIGINT that
     * Ctrl-C sends the terminal's whole process group, so the launcher's shutdown hook can still stop the job with a
     * savepoint before it stops the servers, in order. (It runs the command in its own process: the PID stays.)
     */
    private static final List<String> OWN_SESSION = Files.isExecutable(Path.of("/usr/bin/setsid"))
            ? List.of("/usr/bin/setsid") : List.of();

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
                                     Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.getParent());
            List<String> launched = new java.util.ArrayList<>(OWN_SESSION);
            launched.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(launched)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            OrphanReaper.watch(process.pid());
            return new ChildProcess(name, process, logFile, List.copyOf(command), workDir, Map.copyOf(environment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** The same command started again (after {@link #kill()}), its output appended to the same log. */
    public ChildProcess startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " (PID " + pid() + ") is still running");
        }
        return start(name, command, workDir, logFile, environment);
    }

    /** SIGKILL, as a crash would: no shutdown hook runs. Returns once the process is gone. */
    public void kill() {
        kill(pid());
    }

    /** SIGKILL to {@code pid} (and the processes it started), waiting until it has exited. */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            List<ProcessHandle> descendants = handle.descendants().toList();
            handle.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, {@code QUIT} ...) to {@code pid} and every process it started,
     * e.g. to freeze a server with all its connection processes and let it continue later.
     */
    public static void signal(long pid, String signal) {
        List<String> children = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(child -> Long.toString(child.pid())).toList();
        if (!kill(signal, List.of(Long.toString(pid)))) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: no such process");
        }
        if (!children.isEmpty()) {
            kill(signal, children); // a child may have exited meanwhile
        }
    }

    private static boolean kill(String signal, List<String> pids) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adopts a process started by a library (e.g. a PID read from a pid file) so it is reaped too. */
    public static void adopt(long pid) {
        OrphanReaper.watch(pid);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits for a short-lived process (a tool run) and fails with its log when it does not exit 0. */
    public void awaitSuccess(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                stop();
                throw new IllegalStateException(name + " did not finish in " + timeoutSeconds + " s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + ":\n" + tail());
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    public void stop() {
        stop(process.toHandle(), 20);
    }

    static void stop(ProcessHandle handle, long graceSeconds) {
        if (!handle.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception timeoutOrInterrupt) {
            handle.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop();
    }
}
