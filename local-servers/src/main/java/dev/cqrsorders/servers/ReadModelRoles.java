package dev.cqrsorders.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read model's PostgreSQL roles and grants from {@code deploy/postgres/read-model-roles.sql}, the file
 * docker-compose runs with psql: the same text, given the same psql variables, quoted as psql quotes them
 * ({@code :'x'} a literal, {@code :"x"} an identifier). The file holds one statement per line; what follows
 * {@code \connect :"db"} is per database, so a test can make another read-model database with the same grants.
 */
final class ReadModelRoles {
    private static final String RESOURCE = "/deploy/postgres/read-model-roles.sql";
    private static final Pattern VARIABLE = Pattern.compile(":(['\"])([a-z_]+)\\1");

    /** The statements before {@code CREATE DATABASE} (roles), that statement, and those after {@code \connect}. */
    private final List<String> roles = new ArrayList<>();
    private String createDatabase;
    private final List<String> perDatabase = new ArrayList<>();

    private ReadModelRoles(String script) {
        boolean connected = false;
        for (String line : script.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (line.startsWith("\\connect")) {
                connected = true;
            } else if (line.startsWith("CREATE DATABASE")) {
                createDatabase = line;
            } else {
                (connected ? perDatabase : roles).add(line);
            }
        }
    }

    static ReadModelRoles load() {
        try (InputStream in = ReadModelRoles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ReadModelRoles(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The roles and the database {@code c.postgresDatabase()} with its grants. */
    void create(Credentials c, Function<String, Connection> superuserOn) throws SQLException {
        Map<String, String> variables = variables(c, c.postgresDatabase());
        try (Connection postgres = superuserOn.apply("postgres")) {
            run(postgres, roles, variables);
        }
        createDatabase(c, c.postgresDatabase(), superuserOn);
    }

    /** One more read-model database with the same owner and grants (the roles exist). */
    void createDatabase(Credentials c, String database, Function<String, Connection> superuserOn) throws SQLException {
        Map<String, String> variables = variables(c, database);
        try (Connection postgres = superuserOn.apply("postgres")) {
            run(postgres, List.of(createDatabase), variables);
        }
        try (Connection db = superuserOn.apply(database)) {
            run(db, perDatabase, variables);
        }
    }

    private static Map<String, String> variables(Credentials c, String database) {
        return Map.of("db", database,
                "owner", c.postgresOwner(), "owner_password", c.postgresOwnerPassword(),
                "writer", c.postgresWriter(), "writer_password", c.postgresWriterPassword(),
                "api", c.postgresApiUser(), "api_password", c.postgresApiPassword());
    }

    private static void run(Connection connection, List<String> statements, Map<String, String> variables)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(substitute(sql, variables));
            }
        }
    }

    /** psql's interpolation: {@code :'x'} as a string literal, {@code :"x"} as an identifier. */
    static String substitute(String sql, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(2));
            if (value == null) {
                throw new IllegalArgumentException("no value for psql variable " + m.group(2));
            }
            String quote = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(quote + value.replace(quote, quote + quote) + quote));
        }
        return m.appendTail(out).toString();
    }
}
