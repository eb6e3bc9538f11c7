package dev.cqrsorders.job.assemble;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

public class ItemLinesTest {
    @Test
    void moneyIsBigDecimalsPlainString() {
        LongStream edges = LongStream.of(0, 1, -1, 9, -9, 10, 99, 100, -100, 101, 39112, -39112, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1);
        LongStream random = new Random(3).longs(10_000).map(v -> v >> new Random(v).nextInt(64));
        LongStream.concat(edges, random).forEach(cents ->
                assertThat(ItemLines.money(cents)).as("%d cents", cents)
                        .isEqualTo(BigDecimal.valueOf(cents, 2).toPlainString()));
    }
}
