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
        Path marker = Path.of("target", "reaper-probe-" + System.nanoTime());
        String classpath = System.getProperty("java.class.path");
        Process starter = new ProcessBuilder(JavaCommand.of(classpath, ReaperProbe.class.getName())
                .args(marker.toString()).build()).redirectErrorStream(true).start();
        String childPid = new java.io.BufferedReader(new java.io.InputStreamReader(starter.getInputStream()))
                .readLine().trim();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(childPid)).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        starter.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
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
