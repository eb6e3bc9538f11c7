package dev.cqrsorders.job.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink SQL file as the SQL client reads it: statements end with {@code ;}, {@code --} starts a comment outside
 * quotes, and {@code EXECUTE STATEMENT SET BEGIN … END;} groups INSERTs into one job.
 */
public final class SqlScript {
    private static final Pattern STATEMENT_SET = Pattern.compile(
            "(?is)^EXECUTE\\s+STATEMENT\\s+SET\\s+BEGIN\\s+(.*)\\s+END$");

    private final String name;
    private final List<String> statements;

    private SqlScript(String name, List<String> statements) {
        this.name = name;
        this.statements = statements;
    }

    /** Loads {@code sql/<file>} from the test classpath: the files of the repository's sql/flink directory. */
    /** Executes every statement of {@code sql/<file>} (DDL, views, functions). */
    public static void run(org.apache.flink.table.api.TableEnvironment tEnv, String file) {
        for (String statement : load(file).statements()) {
            tEnv.executeSql(statement);
        }
    }

    public static SqlScript load(String file) {
        String resource = "sql/" + file;
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL file " + resource + " is not on the classpath");
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SqlScript parse(String name, String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        boolean inIdentifier = false;
        int depth = 0; // BEGIN … END of a statement set
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!inString && !inIdentifier && c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                current.append('\n');
                continue;
            }
            if (c == '\'' && !inIdentifier) {
                inString = !inString;
            } else if (c == '`' && !inString) {
                inIdentifier = !inIdentifier;
            }
            if (!inString && !inIdentifier && c == ';') {
                String statement = current.toString().trim();
                if (depth == 0 && startsStatementSet(statement)) {
                    depth = 1;
                    current.append(c);
                    continue;
                }
                if (depth == 1 && !statement.toUpperCase(Locale.ROOT).endsWith("END")) {
                    current.append(c);
                    continue;
                }
                depth = 0;
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (inString || inIdentifier) {
            throw new IllegalArgumentException(name + ": unterminated quote");
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException(name + ": the last statement has no terminating ';'");
        }
        return new SqlScript(name, List.copyOf(statements));
    }

    private static boolean startsStatementSet(String statement) {
        return statement.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").startsWith("EXECUTE STATEMENT SET BEGIN");
    }

    public String name() {
        return name;
    }

    /** The top-level statements, a statement set as one statement. */
    public List<String> statements() {
        return statements;
    }

    /** The INSERT statements inside {@code EXECUTE STATEMENT SET BEGIN … END}, or empty if the statement is not one. */
    public static List<String> statementSetInserts(String statement) {
        Matcher matcher = STATEMENT_SET.matcher(statement.trim());
        if (!matcher.matches()) {
            return List.of();
        }
        return parse("statement set", matcher.group(1).trim() + (matcher.group(1).trim().endsWith(";") ? "" : ";"))
                .statements();
    }
}
