package dev.cqrsorders.seed.schema;

import dev.cqrsorders.seed.CliErrors.UserError;
import dev.cqrsorders.seed.MySqlOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code seed-data schema}: runs the packed schema scripts as the DDL user, each as it is, in one multi-statement
 * call of the driver (no SQL splitting here). They are idempotent (IF NOT EXISTS).
 */
@Command(name = "schema", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates the database `shop` and its tables (users, addresses, orders, order_items) by running "
                + "the schema script(s) packed into this tool (sql/mysql/*.sql). Idempotent: safe to run again.",
                "Connects as a user allowed to run DDL (--admin-user), not as the writer."})
public final class SchemaCommand implements Callable<Integer> {
    private static final String DIRECTORY = "sql/mysql";

    @Spec
    CommandSpec spec;

    @Mixin
    MySqlOptions mysql;

    @Option(names = "--admin-user", paramLabel = "USER", defaultValue = "${env:MYSQL_ADMIN_USER:-shop_admin}",
            description = "MySQL user allowed to run DDL, e.g. root in docker-compose "
                    + "(env MYSQL_ADMIN_USER; default: ${DEFAULT-VALUE}).")
    String adminUser;

    // written out rather than ${DEFAULT-VALUE}: help must not echo a password from the env
    @Option(names = "--admin-password", paramLabel = "PASSWORD", defaultValue = "${env:MYSQL_ADMIN_PASSWORD:-shop_admin}",
            description = "Password of --admin-user (env MYSQL_ADMIN_PASSWORD; default: shop_admin).")
    String adminPassword;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = mysql.connectForScripts(adminUser, adminPassword);
             Statement statement = connection.createStatement()) {
            for (Script script : scripts()) {
                int count = run(statement, script);
                out.printf("schema: ran %s (%d statements) as %s at %s:%d%n", script.name(), count, adminUser,
                        mysql.host(), mysql.port());
            }
            String database = currentDatabase(statement);
            out.printf("schema: tables in %s: %s%n", database, String.join(", ", tables(statement)));
            out.flush();
            return 0;
        } catch (SQLException e) {
            throw new UserError("schema: " + UserError.reason(e), e);
        }
    }

    /** Runs a whole script; the number of statements it held. */
    private static int run(Statement statement, Script script) {
        int done = 0;
        try {
            boolean resultSet = statement.execute(script.sql());
            while (resultSet || statement.getUpdateCount() != -1) {
                done++;
                resultSet = statement.getMoreResults();
            }
            return done;
        } catch (SQLException e) {
            throw new UserError("schema: statement " + (done + 1) + " of " + script.name() + " failed: "
                    + UserError.reason(e), e);
        }
    }

    private static String currentDatabase(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            rs.next();
            String database = rs.getString(1);
            if (database == null) {
                throw new UserError("schema: the scripts selected no database (expected 'USE shop')");
            }
            return database;
        }
    }

    private static List<String> tables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private record Script(String name, String sql) {
    }

    /**
     * The MySQL schema scripts packed into this tool ({@code sql/mysql/*.sql} from the repository's {@code sql/mysql},
     * the schema's single source of truth), in file name order; from a jar or from a classes directory.
     */
    private static List<Script> scripts() {
        URL url = SchemaCommand.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException(DIRECTORY + " is missing from the classpath (a broken build?)");
        }
        try {
            URI uri = url.toURI();
            return "jar".equals(uri.getScheme()) ? readFromJar(uri) : read(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Script> readFromJar(URI uri) throws IOException {
        FileSystem jar;
        boolean opened;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri); // opened elsewhere: use it, but leave it open
            opened = false;
        }
        try {
            return read(jar.provider().getPath(uri));
        } finally {
            if (opened) {
                jar.close();
            }
        }
    }

    private static List<Script> read(Path directory) throws IOException {
        List<Script> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                scripts.add(new Script(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no .sql files in " + directory);
        }
        return scripts;
    }
}
