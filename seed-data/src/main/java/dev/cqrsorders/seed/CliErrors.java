package dev.cqrsorders.seed;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * How the tool fails: every failure is one line {@code seed-data: <reason>} on stderr, exit code 2 for usage errors
 * (picocli's and {@link UsageChecks}), 1 for runtime errors ({@link UserError}, or anything unexpected). The stack
 * trace only with {@code --verbose}.
 */
public final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int RUNTIME = CommandLine.ExitCode.SOFTWARE;

    private final boolean verbose;

    /** {@code --verbose} is looked for in the raw arguments: it must work even when parsing fails. */
    CliErrors(String[] args) {
        this.verbose = List.of(args).contains("--verbose");
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("seed-data: " + oneLine(e.getMessage()) + " (see '" + commandPath(e.getCommandLine()) + " --help')");
        printStackTraceIfVerbose(e, err);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("seed-data: " + describe(e));
        printStackTraceIfVerbose(e, err);
        return RUNTIME;
    }

    static String describe(Throwable e) {
        if (e instanceof UserError) {
            return oneLine(e.getMessage());
        }
        String message = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        return "unexpected " + e.getClass().getSimpleName() + message + " (run with --verbose for the stack trace)";
    }

    /** Collapses a multi-line message (JDBC drivers like those) into one line. */
    public static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R+\\s*", " ");
    }

    private static String commandPath(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName();
    }

    private void printStackTraceIfVerbose(Throwable e, PrintWriter err) {
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * A failure the user can act on (a server is unreachable, a table is missing, ...). Its message is printed as the
     * one-line error; the cause, if any, only with {@code --verbose}.
     */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }

        /** A short, one-line reason for an exception from a driver or client library, e.g.
         * "Communications link failure (Connection refused)": the first line of its message plus its root cause's. */
        public static String reason(Throwable e) {
            if (e == null) {
                return "unknown error";
            }
            String message = firstLine(e.getMessage());
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String rootMessage = firstLine(root.getMessage());
            if (message.isEmpty()) {
                message = e.getClass().getSimpleName();
            }
            return root == e || rootMessage.isEmpty() || message.contains(rootMessage) ? message
                    : message + " (" + rootMessage + ")";
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "";
            }
            String stripped = message.strip();
            int newline = stripped.indexOf('\n');
            return CliErrors.oneLine(newline < 0 ? stripped : stripped.substring(0, newline));
        }
    }

    /** Option checks that picocli's types cannot express; a failed check is a usage error (exit code 2). */
    public static final class UsageChecks {
        private UsageChecks() {
        }

        public static void require(CommandSpec spec, boolean condition, String message) {
            if (!condition) {
                throw new ParameterException(spec.commandLine(), message);
            }
        }

        public static void requireShare(CommandSpec spec, String option, double value) {
            require(spec, value >= 0.0 && value <= 1.0, option + " must be between 0.0 and 1.0, not " + value);
        }
    }
}
