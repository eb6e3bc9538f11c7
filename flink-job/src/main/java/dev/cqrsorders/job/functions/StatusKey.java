package dev.cqrsorders.job.functions;

import dev.cqrsorders.job.events.StatusKeys;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.LocalDateTime;

/** {@code status_key(status, at)}: see {@link StatusKeys}. NULL when the timestamp is NULL. */
public class StatusKey extends ScalarFunction {
    public Long eval(String status, @DataTypeHint("TIMESTAMP(3)") LocalDateTime at) {
        return at == null ? null : StatusKeys.key(status, at);
    }
}
