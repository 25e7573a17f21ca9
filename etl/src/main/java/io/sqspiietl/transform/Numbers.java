package io.sqspiietl.transform;

import io.sqspiietl.contract.Limits;
import java.math.BigDecimal;

/**
 * Reads numbers and booleans from the JSON text of a field: a JSON number or boolean as written, or a
 * string holding one. Nothing is rounded: a value the column cannot hold exactly is refused.
 * Stateless and thread-safe.
 */
final class Numbers {
    /** The most digits of a long, beyond which no text is parsed at all. */
    private static final int MAX_LONG_DIGITS = 19;
    /** The longest decimal text read: more than {@link Limits#MAX_PRECISION} digits plus sign, point and exponent. */
    private static final int MAX_DECIMAL_CHARS = 2 * Limits.MAX_PRECISION + 16;

    private Numbers() {
    }

    /** {@code -?DIGITS} within {@code [min, max]}, or null. */
    static Long integer(String text, long min, long max) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits == 0 || digits > MAX_LONG_DIGITS || !allDigits(text, start)) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException outOfLongRange) {
            return null;
        }
    }

    /**
     * A decimal ({@code -?DIGITS[.DIGITS][(e|E)[+-]DIGITS]}, the JSON number grammar with leading zeros
     * allowed) with at most {@code precision - scale} digits before the point and {@code scale} after it
     * once trailing zeros are dropped; without a precision, at most {@link Limits#MAX_PRECISION} of each.
     *
     * @return the value as written (its scale kept), or null
     */
    static BigDecimal decimal(String text, int precision, int scale) {
        if (text.isEmpty() || text.length() > MAX_DECIMAL_CHARS || !isDecimal(text)) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException exponentOutOfRange) {
            return null;
        }
        int maxScale = precision > 0 ? scale : Limits.MAX_PRECISION;
        int maxIntegerDigits = precision > 0 ? precision - scale : Limits.MAX_PRECISION;
        BigDecimal significant = value.stripTrailingZeros();
        int fractionDigits = Math.max(significant.scale(), 0);
        int integerDigits = Math.max(significant.precision() - significant.scale(), 0);
        return fractionDigits <= maxScale && integerDigits <= maxIntegerDigits ? value : null;
    }

    /** {@code true} or {@code false}, or null. */
    static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean isDecimal(String text) {
        int i = text.charAt(0) == '-' ? 1 : 0;
        int integerStart = i;
        i = skipDigits(text, i);
        if (i == integerStart) {
            return false;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            int fractionStart = ++i;
            i = skipDigits(text, i);
            if (i == fractionStart) {
                return false;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == text.length();
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean allDigits(String text, int from) {
        return skipDigits(text, from) == text.length();
    }
}
