package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StoppedByTheirOwnerITCase {

    /**
     * On SIGTERM a JVM runs all its shutdown hooks at once. The databases must still be up while the owner's hook
     * works (run-local's stops the job with a savepoint, which flushes its writes into PostgreSQL first): the servers'
     * libraries register no hook of their own that stops them meanwhile.
     */
    @Test
    void sigtermLeavesTheDatabasesToTheOwnersShutdownHook() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "owner-probe-" + System.nanoTime()).toAbsolutePath());
        Process owner = new ProcessBuilder(JavaCommand.of(System.getProperty("java.class.path"), OwnerProbe.class.getName())
                .args(dir.toString()).build()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream()));
        List<String> before = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("started")) {
            before.add(line);
        }
        assertThat(line).as("the probe started both servers; it wrote %s", before).isEqualTo("started");

        owner.toHandle().destroy(); // SIGTERM (Process.destroy would also close the output we still read)
        List<String> rest = out.lines().toList();
        assertThat(owner.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(rest).contains("postgres up during the owner's hook: true", "mariadb up during the owner's hook: true");
    }

    /** Started in its own JVM: starts PostgreSQL and MariaDB, and on shutdown checks them for 5 s before it stops them. */
    public static final class OwnerProbe {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            PostgresServer postgres = PostgresServer.start(Ports.free(), dir.resolve("postgres"), Credentials.defaults());
            MariaDbServer mariadb = MariaDbServer.start(Ports.free(), dir.resolve("mariadb"), Credentials.defaults(), false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                boolean postgresUp = true;
                boolean mariadbUp = true;
                for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
                    postgresUp &= Ports.isOpen(postgres.port());
                    mariadbUp &= Ports.isOpen(mariadb.port());
                    Ports.sleep(100);
                }
                System.out.println("postgres up during the owner's hook: " + postgresUp);
                System.out.println("mariadb up during the owner's hook: " + mariadbUp);
                System.out.flush();
                mariadb.close();
                postgres.close();
            }));
            System.out.println("started");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
