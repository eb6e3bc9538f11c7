package dev.cqrsorders.seed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CliOptionsTest {
    private static final Pattern ENV_VARIABLE = Pattern.compile("\\$\\{env:(\\w+)");

    @ParameterizedTest
    @ValueSource(strings = {
            "frobnicate",
            "seed --users -1",
            "seed --users many",
            "seed --batch-size 0",
            "seed --days 0",
            "seed --until yesterday",
            "seed --connect-timeout 0s",
            "seed --no-such-option",
            "schema --connect-timeout soon",
            "events --rate 0",
            "events --rate abc",
            "events --count -5",
            "events --duration 5x",
            "events --duration 0s",
            "events --order-ids 5-1",
            "events --order-ids 0-10",
            "events --order-ids a-b",
            "events --malformed 1.5",
            "events --duplicates -0.1",
            "events --cancelled 2",
            "events --out-of-order 0.5 --duplicates 0.3 --early 0.2 --malformed 0.1",
            "events --start-time tomorrow",
            "events --mysql-port port"})
    void aBadCommandLineIsAOneLineUsageErrorWithExitCode2(String commandLine) {
        CliRun run = CliRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).as(run.toString()).singleElement().asString().startsWith("seed-data: ")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("seed-data: missing command: schema, seed or events (see 'seed-data --help')");
    }

    @Test
    void verbosePrintsTheStackTraceToo() {
        CliRun run = CliRun.run("events", "--rate", "0", "--verbose");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("seed-data: --rate must be above 0");
        assertThat(run.err()).contains("ParameterException", "\tat ");
    }

    @Test
    void helpOfEveryCommandDocumentsEveryOptionWithItsDefaultAndEnvironmentVariable() {
        CommandLine root = new CommandLine(new SeedDataCli());
        for (String command : List.of("schema", "seed", "events")) {
            CliRun run = CliRun.run(command, "--help");
            assertThat(run.exitCode()).isZero();
            String help = run.out().replaceAll("\\s+", " ");
            for (OptionSpec option : root.getSubcommands().get(command).getCommandSpec().options()) {
                assertThat(help).as(command + " --help").contains(option.longestName());
                if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals("--verbose")) {
                    assertThat(String.join(" ", option.description())).as(option.longestName()).contains("default");
                }
                Matcher variable = ENV_VARIABLE.matcher(String.valueOf(option.defaultValue()));
                while (variable.find()) {
                    assertThat(help).as(option.longestName()).contains(variable.group(1));
                }
            }
        }
    }

    @Test
    void rootHelpListsTheCommands() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("schema", "seed", "events");
    }

    @Test
    void optionsWithoutAVariableHaveTheirWrittenDefault() {
        // the ones read from the contract's variables: SeedDataJarITCase, which controls the environment
        assertThat(defaultOf("events", "--topic")).isEqualTo("order_updates");
        assertThat(defaultOf("seed", "--batch-size")).isEqualTo(1000);
    }

    @Test
    void versionIsPrinted() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("seed-data ");
    }

    private static Object defaultOf(String command, String option) {
        CommandLine commandLine = new CommandLine(new SeedDataCli());
        commandLine.parseArgs(command);
        return commandLine.getSubcommands().get(command).getCommandSpec().findOption(option).getValue();
    }
}
