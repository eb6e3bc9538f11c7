package dev.cqrsorders.api;

import dev.cqrsorders.api.request.Page;

import java.util.List;

/**
 * One keyset page of documents as the API's body. The documents are JSON already (PostgreSQL rendered them): only the
 * envelope is written here, around them, instead of parsing and writing every document again.
 */
public final class DocumentPage {
    private DocumentPage() {}

    /** {@code {"<name>": [...], "next_after": <the last id, or null on the last page>}} from rows fetched with {@link Page#fetchSize()}. */
    public static String object(String name, List<Document> fetched, Page paging) {
        boolean more = fetched.size() > paging.limit();
        List<Document> rows = more ? fetched.subList(0, paging.limit()) : fetched;
        StringBuilder body = array(new StringBuilder(64 + 1024 * rows.size()).append("{\"").append(name).append("\":"), rows);
        body.append(",\"next_after\":").append(more ? Long.toString(rows.get(rows.size() - 1).id()) : "null");
        return body.append('}').toString();
    }

    /** {@code [...]}: at most {@code paging.limit()} documents. */
    public static String array(List<Document> fetched, Page paging) {
        List<Document> rows = fetched.size() > paging.limit() ? fetched.subList(0, paging.limit()) : fetched;
        return array(new StringBuilder(2 + 1024 * rows.size()), rows).toString();
    }

    private static StringBuilder array(StringBuilder body, List<Document> rows) {
        body.append('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(rows.get(i).json());
        }
        return body.append(']');
    }
}
