package dev.cqrsorders.seed;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of the CLI: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = SeedDataCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
