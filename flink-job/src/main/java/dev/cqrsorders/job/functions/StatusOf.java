package dev.cqrsorders.job.functions;

import dev.cqrsorders.job.events.StatusKeys;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code status_of(key)}: the status a {@code status_key} encodes. */
public class StatusOf extends ScalarFunction {
    public String eval(Long key) {
        return key == null ? null : StatusKeys.status(key);
    }
}
