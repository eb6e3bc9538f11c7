package dev.cqrsorders.api;

import dev.cqrsorders.api.request.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentPageTest {

    @Test
    void aPageCutsTheExtraRowAndPointsAtItsLastId() {
        Page paging = new Page(2, 0);
        assertThat(paging.fetchSize()).isEqualTo(3);
        List<Document> three = List.of(new Document(1, "{\"a\":1}"), new Document(2, "{\"a\":2}"), new Document(3, "{}"));
        assertThat(DocumentPage.object("rows", three, paging)).isEqualTo("{\"rows\":[{\"a\":1},{\"a\":2}],\"next_after\":2}");
        assertThat(DocumentPage.object("rows", three.subList(0, 2), paging))
                .isEqualTo("{\"rows\":[{\"a\":1},{\"a\":2}],\"next_after\":null}");
        assertThat(DocumentPage.object("rows", List.of(), paging)).isEqualTo("{\"rows\":[],\"next_after\":null}");
        assertThat(DocumentPage.array(three, paging)).isEqualTo("[{\"a\":1},{\"a\":2}]");
        assertThat(DocumentPage.array(List.of(), paging)).isEqualTo("[]");
    }
}
