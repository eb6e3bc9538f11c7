package dev.cqrsorders.servers;

import picocli.CommandLine;

/** The {@code main} of a picocli command: runs it and exits with its code; a failure is one line, "name: message". */
public final class CommandMain {
    private CommandMain() {}

    public static void run(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + exception.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
