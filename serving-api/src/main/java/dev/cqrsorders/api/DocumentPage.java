package dev.cqrsorders.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cqrsorders.api.request.Page;

import java.io.IOException;
import java.util.List;

/**
 * One keyset page of documents as the API's body. The documents are JSON already (PostgreSQL rendered them): they go
 * into the envelope as raw values, instead of being parsed and written again.
 */
public final class DocumentPage {
    private DocumentPage() {}

    /** {@code {"<name>": [...], "next_after": <the last id, or null on the last page>}} from rows fetched with {@link Page#fetchSize()}. */
    public static String object(String name, List<Document> fetched, Page paging) {
        boolean more = fetched.size() > paging.limit();
        List<Document> rows = more ? fetched.subList(0, paging.limit()) : fetched;
        return JsonText.write(64 + 1024 * rows.size(), json -> {
            json.writeStartObject();
            json.writeFieldName(name);
            writeArray(json, rows);
            json.writeFieldName("next_after");
            if (more) {
                json.writeNumber(rows.get(rows.size() - 1).id());
            } else {
                json.writeNull();
            }
            json.writeEndObject();
        });
    }

    /** {@code [...]}: at most {@code paging.limit()} documents. */
    public static String array(List<Document> fetched, Page paging) {
        List<Document> rows = fetched.size() > paging.limit() ? fetched.subList(0, paging.limit()) : fetched;
        return JsonText.write(2 + 1024 * rows.size(), json -> writeArray(json, rows));
    }

    private static void writeArray(JsonGenerator json, List<Document> rows) throws IOException {
        json.writeStartArray();
        for (Document row : rows) {
            json.writeRawValue(row.json());
        }
        json.writeEndArray();
    }
}
