package dev.cqrsorders.seed.mysql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at top-level semicolons, dropping comments ({@code -- }, {@code #},
 * {@code /* *}{@code /}) and respecting quoted strings and identifiers. Enough for schema scripts; no DELIMITER.
 */
public final class SqlStatements {
    private SqlStatements() {
    }

    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (startsLineComment(script, i)) {
                i = skipToEndOfLine(script, i);
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static boolean startsLineComment(String s, int i) {
        if (s.charAt(i) == '#') {
            return true;
        }
        // MySQL needs whitespace (or the end) after "--" for it to start a comment
        return s.startsWith("--", i) && (i + 2 == s.length() || Character.isWhitespace(s.charAt(i + 2)));
    }

    private static int skipToEndOfLine(String s, int i) {
        int newline = s.indexOf('\n', i);
        return newline < 0 ? s.length() : newline;
    }

    /** The index just after the closing quote; a doubled quote or a backslash escape stays inside. */
    private static int endOfQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
