package dev.cqrsorders.api.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as the contract shows it: a JSON string with exactly two decimals ("391.12"), never a float. */
public final class Money {
    private Money() {}

    public static String format(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
