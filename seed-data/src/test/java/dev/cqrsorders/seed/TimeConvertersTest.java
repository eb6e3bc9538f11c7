package dev.cqrsorders.seed;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeConvertersTest {
    private final TimeConverters.PositiveDuration duration = new TimeConverters.PositiveDuration();

    @Test
    void aDurationIsIso8601WithoutItsPrefix() {
        assertThat(duration.convert("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(duration.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(duration.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(duration.convert(" 1h30m ")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void anythingElseSaysWhatIsAccepted() {
        assertThatThrownBy(() -> duration.convert("500ms")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'500ms' is not a duration (e.g. 0.5s, 30s, 5m, 1h30m)");
        assertThatThrownBy(() -> duration.convert("-5s")).hasMessage("'-5s' is not a positive duration");
    }
}
