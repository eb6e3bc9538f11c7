package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrphanReaperITCase {

    /** A server started by a JVM that is then killed with SIGKILL must not survive it. */
    @Test
    void serverDiesWithTheJvmThatStartedIt() throws Exception {
        Probe probe = Probe.start(List.of());
        probe.starter().destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.server().isAlive());
    }

    /**
     * Nor when SIGTERM goes to the starter's whole process group (a closed terminal, {@code kill -- -PGID}): the
     * watchdog is in that group, the server in a session of its own. Before the watchdogs ignored SIGTERM, the
     * server outlived both.
     */
    @Test
    void serverDiesWhenTheStartersProcessGroupIsTerminated() throws Exception {
        Probe probe = Probe.start(List.of("setsid")); // in place: the starter leads a group (and session) of its own
        new ProcessBuilder("kill", "-TERM", "--", "-" + probe.starter().pid()).start().waitFor();
        probe.starter().waitFor();
        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.server().isAlive());
    }

    /** A JVM running {@link ReaperProbe}, and the server it started. */
    private record Probe(Process starter, ProcessHandle server) {
        static Probe start(List<String> prefix) throws Exception {
            Path marker = Path.of("target", "reaper-probe-" + System.nanoTime());
            List<String> command = new java.util.ArrayList<>(prefix);
            command.addAll(JavaCommand.of(System.getProperty("java.class.path"), ReaperProbe.class.getName())
                    .args(marker.toString()).build());
            Process starter = new ProcessBuilder(command).redirectErrorStream(true).start();
            String serverPid = new java.io.BufferedReader(new java.io.InputStreamReader(starter.getInputStream()))
                    .readLine().trim();
            ProcessHandle server = ProcessHandle.of(Long.parseLong(serverPid)).orElseThrow();
            assertThat(server.isAlive()).isTrue();
            return new Probe(starter, server);
        }
    }

    /** Started in its own JVM by the test: starts a long sleep as a server and prints its PID. */
    public static final class ReaperProbe {
        public static void main(String[] args) throws Exception {
            ChildProcess sleeper = ChildProcess.start("sleeper", List.of("sleep", "600"), Path.of("."),
                    Path.of(args[0] + ".log"), java.util.Map.of());
            System.out.println(sleeper.pid());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
