package dev.cqrsorders.seed;

import dev.cqrsorders.servers.KafkaBroker;
import dev.cqrsorders.servers.MariaDbServer;

import java.util.ArrayList;
import java.util.List;

/** Command-line arguments pointing the CLI at local-servers's servers (credentials are the CLI's defaults). */
public final class StackArgs {
    private StackArgs() {
    }

    public static String[] of(MariaDbServer db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mysql-host", "127.0.0.1", "--mysql-port", Integer.toString(db.port())));
        return all.toArray(String[]::new);
    }

    public static String[] of(MariaDbServer db, KafkaBroker kafka, String... args) {
        List<String> all = new ArrayList<>(List.of(of(db, args)));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        return all.toArray(String[]::new);
    }

    /** Runs {@code schema} (idempotent): the shop database is shared by every test class in this JVM. */
    public static void ensureSchema(MariaDbServer db) {
        CliRun run = CliRun.run(of(db, "schema"));
        if (run.exitCode() != 0) {
            throw new AssertionError("schema failed: " + run);
        }
    }
}
