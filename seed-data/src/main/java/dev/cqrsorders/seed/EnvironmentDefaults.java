package dev.cqrsorders.seed;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;

/**
 * Options whose default comes from an environment variable when it is set (the contract's variables, so the tool
 * works unchanged inside docker-compose and beside run-local.sh). Options not listed here, or whose variables are
 * unset, keep the default written on the option. The environment is injected so tests need not change the process's.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    /** Option name → the environment variables consulted, in order. */
    static final Map<String, List<String>> VARIABLES = Map.of(
            "--mysql-host", List.of("MYSQL_HOST"),
            "--mysql-port", List.of("MYSQL_PORT"),
            "--database", List.of("MYSQL_DATABASE"),
            "--user", List.of("MYSQL_USER"),
            "--password", List.of("MYSQL_PASSWORD"),
            "--admin-user", List.of("MYSQL_ADMIN_USER"),
            "--admin-password", List.of("MYSQL_ADMIN_PASSWORD"),
            "--bootstrap-servers", List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_PORT"));

    private final Map<String, String> env;

    public EnvironmentDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        List<String> variables = VARIABLES.get(option.longestName());
        if (variables == null) {
            return null;
        }
        for (String variable : variables) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                // KAFKA_PORT is the contract's port of the local broker, not a list of servers
                return variable.equals("KAFKA_PORT") ? "127.0.0.1:" + value.trim() : value.trim();
            }
        }
        return null;
    }
}
