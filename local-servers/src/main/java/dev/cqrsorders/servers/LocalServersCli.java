package dev.cqrsorders.servers;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local servers and keeps them running until Ctrl-C or SIGTERM, then stops everything it started.
 * Ports come from MYSQL_PORT, KAFKA_PORT, POSTGRES_PORT and FLINK_REST_PORT (contract defaults otherwise).
 */
@Command(name = "local-servers", mixinStandardHelpOptions = true, version = "cqrs-orders local-servers",
        description = "Starts MariaDB, Kafka, PostgreSQL and a Flink session cluster on 127.0.0.1 until Ctrl-C.")
public final class LocalServersCli implements Callable<Integer> {
    @Option(names = "--work-dir", defaultValue = ".local-servers",
            description = "Directory for every server's data and logs (default: ${DEFAULT-VALUE}); wiped at start.")
    Path workDir;

    @Option(names = "--servers", split = ",", defaultValue = "MARIADB,KAFKA,POSTGRES,FLINK",
            description = "Servers to start, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Set<Server> servers = EnumSet.allOf(Server.class);

    @Override
    public Integer call() throws Exception {
        WorkDir.wipe(workDir);
        LocalServers stack = new LocalServers(workDir, LocalServers.ServerPorts.fromEnvironment(System.getenv()),
                Credentials.fromEnvironment(), FlinkCluster.Options.defaults()).withMySqlTls();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping local-servers ...");
            stack.close();
            stopped.countDown();
        }, "local-servers-stop"));
        stack.ensure(servers.toArray(Server[]::new));
        System.out.print(ConnectionDetails.describe(stack));
        System.out.println("running; Ctrl-C stops every server started here");
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        CommandMain.run(new LocalServersCli(), args);
    }
}
