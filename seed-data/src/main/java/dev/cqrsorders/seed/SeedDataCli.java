package dev.cqrsorders.seed;

import dev.cqrsorders.seed.events.EventsCommand;
import dev.cqrsorders.seed.schema.SchemaCommand;
import dev.cqrsorders.seed.shop.SeedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code seed-data} command line: test data for the orders write model and its event stream. */
@Command(name = "seed-data", mixinStandardHelpOptions = true, versionProvider = SeedDataCli.Version.class,
        description = "Test data for cqrs-orders: the MySQL `shop` schema, realistic rows, and order status events "
                + "on Kafka.",
        subcommands = {SchemaCommand.class, SeedCommand.class, EventsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  seed-data schema", "  seed-data seed --users 1000 --orders 10000 --seed 42",
                "  seed-data events --rate 50 --duration 5m --out-of-order 0.05 --duplicates 0.02"})
public final class SeedDataCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not only its one-line reason.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: schema, seed or events");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line in this JVM: the exit code, output and errors on the given writers. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CliErrors errors = new CliErrors(args);
        CommandLine commandLine = new CommandLine(new SeedDataCli())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setOut(out)
                .setErr(err);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SeedDataCli.class.getPackage().getImplementationVersion();
            return new String[] {"seed-data " + (version == null ? "(development build)" : version)};
        }
    }
}
