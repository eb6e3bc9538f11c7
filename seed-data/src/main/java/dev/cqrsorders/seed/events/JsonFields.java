package dev.cqrsorders.seed.events;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered JSON object of raw JSON values, just enough to write events and their deliberately broken variants
 * without a JSON library.
 */
final class JsonFields {
    private record Field(String name, String rawValue) {
    }

    private final List<Field> fields = new ArrayList<>();

    JsonFields string(String name, String value) {
        return raw(name, quote(value));
    }

    JsonFields number(String name, long value) {
        return raw(name, Long.toString(value));
    }

    /** Adds, or replaces in place, a field whose value is already JSON (or deliberately not). */
    JsonFields raw(String name, String rawValue) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                fields.set(i, new Field(name, rawValue));
                return this;
            }
        }
        fields.add(new Field(name, rawValue));
        return this;
    }

    JsonFields without(String name) {
        fields.removeIf(field -> field.name().equals(name));
        return this;
    }

    String render() {
        StringBuilder json = new StringBuilder(160).append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                json.append(", ");
            }
            json.append(quote(fields.get(i).name())).append(": ").append(fields.get(i).rawValue());
        }
        return json.append('}').toString();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
