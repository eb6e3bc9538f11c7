package dev.cqrsorders.api.format;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void moneyHasExactlyTwoDecimals() {
        assertThat(Money.format(new BigDecimal("391.12"))).isEqualTo("391.12");
        assertThat(Money.format(new BigDecimal("5"))).isEqualTo("5.00");
        assertThat(Money.format(new BigDecimal("0.1"))).isEqualTo("0.10");
        assertThat(Money.format(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Money.format(new BigDecimal("-2.5"))).isEqualTo("-2.50");
        assertThat(Money.format(new BigDecimal("2.005"))).isEqualTo("2.01");
        assertThat(Money.format(null)).isNull();
    }

    @Test
    void postgresTimestampTextBecomesAnIsoInstantWithMillis() {
        assertThat(json("2026-11-26 12:00:00.123")).isEqualTo("2026-11-26T12:00:00.123Z");
        assertThat(json("2026-11-26 12:00:00")).isEqualTo("2026-11-26T12:00:00.000Z");
        assertThat(json("2026-11-26 12:00:00.5")).isEqualTo("2026-11-26T12:00:00.500Z");
        assertThat(json("2026-11-26 12:00:00.123456")).isEqualTo("2026-11-26T12:00:00.123Z");
        assertThat(UtcTimestamps.format(null)).isNull();
        assertThat(UtcTimestamps.parsePostgresText(null)).isNull();
    }

    @Test
    void theJvmZoneNeverShiftsAStoredTime() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            // 02:30 on 2026-03-08 does not exist in New York (DST gap); it is a valid UTC time
            assertThat(json("2026-03-08 02:30:00.5")).isEqualTo("2026-03-08T02:30:00.500Z");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void formatsALocalDateTimeAsUtc() {
        assertThat(UtcTimestamps.format(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000)))
                .isEqualTo("2026-01-02T03:04:05.678Z");
    }

    private static String json(String postgresText) {
        return UtcTimestamps.format(UtcTimestamps.parsePostgresText(postgresText));
    }
}
