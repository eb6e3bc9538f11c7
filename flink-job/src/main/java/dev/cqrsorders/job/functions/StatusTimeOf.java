package dev.cqrsorders.job.functions;

import dev.cqrsorders.job.events.StatusKeys;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.LocalDateTime;

/** {@code status_time_of(key)}: the timestamp a {@code status_key} encodes (UTC). */
public class StatusTimeOf extends ScalarFunction {
    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(Long key) {
        return key == null ? null : StatusKeys.time(key);
    }
}
