package dev.cqrsorders.api.paging;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import dev.cqrsorders.api.Document;
import dev.cqrsorders.api.DocumentPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void defaultsAreFiftyFromTheStart() {
        assertThat(Paging.parse(null, null)).isEqualTo(new Paging(50, 0));
        assertThat(Paging.parse("", " ")).isEqualTo(new Paging(50, 0));
        assertThat(Paging.parse("1", "0")).isEqualTo(new Paging(1, 0));
        assertThat(Paging.parse("1000", "9223372036854775807")).isEqualTo(new Paging(1000, Long.MAX_VALUE));
        assertThat(Paging.parse(" 7 ", "42").fetchSize()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "abc", "1.5", "1e3", "+5", "99999999999999999999", "0x10"})
    void limitOutOfRangeOrMalformedIsA400NamingTheRange(String limit) {
        assertThatThrownBy(() -> Paging.parse(limit, null))
                .isInstanceOfSatisfying(HttpStatusException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode()))
                .hasMessageStartingWith("limit must be an integer from 1 to 1000, got '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.0", "99999999999999999999"})
    void badCursorIsA400(String after) {
        assertThatThrownBy(() -> Paging.parse(null, after))
                .isInstanceOf(HttpStatusException.class)
                .hasMessageStartingWith("after must be a non-negative integer (the last id of the previous page)");
    }

    @Test
    void aPageCutsTheExtraRowAndPointsAtItsLastId() {
        Paging paging = new Paging(2, 0);
        List<Document> three = List.of(new Document(1, "{\"a\":1}"), new Document(2, "{\"a\":2}"), new Document(3, "{}"));
        assertThat(DocumentPage.object("rows", three, paging)).isEqualTo("{\"rows\":[{\"a\":1},{\"a\":2}],\"next_after\":2}");
        assertThat(DocumentPage.object("rows", three.subList(0, 2), paging))
                .isEqualTo("{\"rows\":[{\"a\":1},{\"a\":2}],\"next_after\":null}");
        assertThat(DocumentPage.object("rows", List.of(), paging)).isEqualTo("{\"rows\":[],\"next_after\":null}");
        assertThat(DocumentPage.array(three, paging)).isEqualTo("[{\"a\":1},{\"a\":2}]");
        assertThat(DocumentPage.array(List.of(), paging)).isEqualTo("[]");
    }

    @Test
    void statusMustBeALifecycleStatus() {
        assertThat(StatusFilter.parse(null)).isEmpty();
        assertThat(StatusFilter.parse("")).isEmpty();
        for (String status : StatusFilter.STATUSES) {
            assertThat(StatusFilter.parse(status)).contains(status);
        }
        assertThatThrownBy(() -> StatusFilter.parse("Ready"))
                .isInstanceOf(HttpStatusException.class)
                .hasMessage("status must be one of created, received, preparing, ready, picked_up, delivered,"
                        + " cancelled, got 'Ready'");
    }

    @Test
    void idsArePositive() {
        assertThat(QueryValues.id("order_id", "1")).isEqualTo(1);
        assertThat(UserFilter.parse("17")).contains(17L);
        assertThat(UserFilter.parse(null)).isEmpty();
        for (String bad : new String[] {"0", "-3", "x", "", "1 2"}) {
            assertThatThrownBy(() -> QueryValues.id("order_id", bad)).as(bad)
                    .isInstanceOf(HttpStatusException.class)
                    .hasMessageStartingWith("order_id must be a positive integer id");
        }
    }

    @Test
    void echoedValuesAreCutAndFreeOfControlCharacters() {
        assertThatThrownBy(() -> QueryValues.id("user_id", "a\nb" + "x".repeat(100)))
                .hasMessageEndingWith("got 'a?b" + "x".repeat(61) + "...'");
    }
}
