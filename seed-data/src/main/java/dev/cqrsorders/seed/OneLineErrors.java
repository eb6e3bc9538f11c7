package dev.cqrsorders.seed;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * Reports every failure as one line {@code seed-data: <reason>} on stderr: exit code 2 for usage errors, 1 for
 * runtime errors. The stack trace only with {@code --verbose}.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int RUNTIME = CommandLine.ExitCode.SOFTWARE;

    private final boolean verbose;

    /** {@code --verbose} is looked for in the raw arguments: it must work even when parsing fails. */
    OneLineErrors(String[] args) {
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
}
