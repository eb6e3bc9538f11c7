package dev.cqrsorders.seed;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;


/** Option checks that picocli's types cannot express; a failed check is a usage error (exit code 2). */
public final class UsageChecks {
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
