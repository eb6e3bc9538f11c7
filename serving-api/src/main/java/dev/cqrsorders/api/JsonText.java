package dev.cqrsorders.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** JSON text written with Jackson's generator: where documents PostgreSQL rendered go in as raw values. */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static String write(int expectedLength, Body body) {
        StringWriter out = new StringWriter(expectedLength);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
