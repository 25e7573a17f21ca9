package io.sqspiietl.transform;

import static io.sqspiietl.transform.RejectedMessageException.atField;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Limits;
import io.sqspiietl.contract.Policy;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Turns the text of a field into its column's value, applying the column's limits and format rules
 * in a fixed order: {@link Rule#EMPTY_FIELD} (a required column), {@link Rule#TOO_LONG}, then the
 * type's own rule. The text has passed the checks every field has (a scalar, no U+0000, well-formed
 * UTF-16). Stateless and thread-safe.
 *
 * <p>Empty text is a value for a kept text column ({@code ""} is stored), and the absence of one
 * for a keyed column (there is nothing to mask, and a mask of {@code ""} would only group the
 * empties) and for an ip column once trimmed. Every other type refuses it by its format rule.
 */
final class Coercion {
    private static final long INTEGER_MIN = Integer.MIN_VALUE;
    private static final long INTEGER_MAX = Integer.MAX_VALUE;

    private Coercion() {
    }

    /**
     * The value of {@code column} read from {@code text}, the content of field {@code key}.
     *
     * @return the value, of the Java type {@link Event} lists for the column's type; null when empty
     *     text stands for no value
     */
    static Object coerce(Column column, String text, String key) throws RejectedMessageException {
        if (column.required() && text.isEmpty()) {
            throw atField(Rule.EMPTY_FIELD, key);
        }
        return switch (column.type()) {
            case TEXT -> text(column, text, key);
            case IP -> ip(column, text, key);
            case INTEGER -> orRefuse(Numbers.integer(text, INTEGER_MIN, INTEGER_MAX), Rule.BAD_INTEGER, key).intValue();
            case BIGINT -> orRefuse(Numbers.integer(text, Long.MIN_VALUE, Long.MAX_VALUE), Rule.BAD_INTEGER, key);
            case NUMERIC -> orRefuse(Numbers.decimal(text, column.limits().precision(), column.limits().scale()),
                    Rule.BAD_NUMERIC, key);
            case BOOLEAN -> orRefuse(Numbers.bool(text), Rule.BAD_BOOLEAN, key);
            case DATE -> Times.date(text).orElseThrow(() -> atField(Rule.BAD_DATE, key));
            case TIMESTAMPTZ -> Times.instant(text).orElseThrow(() -> atField(Rule.BAD_TIMESTAMP, key));
            case VERSION -> version(text, key);
        };
    }

    /** The value of a missing date or time that defaults to the send time. */
    static Object sentTime(Column column, Instant sentTime) {
        return switch (column.type()) {
            case DATE -> Times.utcDateOf(sentTime);
            case TIMESTAMPTZ -> sentTime;
            default -> throw new IllegalArgumentException("only date and time columns default to the send time");
        };
    }

    private static String text(Column column, String text, String key) throws RejectedMessageException {
        if (text.isEmpty() && column.policy().isKeyed()) {
            return null;
        }
        return withinLimits(column.limits(), text, key);
    }

    /** Trimmed and canonical, so that every spelling of one address is stored and masked alike. */
    private static String ip(Column column, String text, String key) throws RejectedMessageException {
        String address = text.strip();
        if (address.isEmpty()) {
            if (column.required()) {
                throw atField(Rule.EMPTY_FIELD, key);
            }
            return null;
        }
        String canonical = withinLimits(column.limits(), IpCanonicalizer.canonicalize(address), key);
        return column.policy() == Policy.IP_PREFIX ? orRefuse(IpCanonicalizer.network(canonical), Rule.BAD_IP, key) : canonical;
    }

    private static Integer version(String text, String key) throws RejectedMessageException {
        OptionalInt encoded = AppVersionCodec.encode(text);
        if (encoded.isEmpty()) {
            throw atField(Rule.BAD_APP_VERSION, key);
        }
        return encoded.getAsInt();
    }

    private static String withinLimits(Limits limits, String text, String key) throws RejectedMessageException {
        int maxLength = limits.maxLength();
        // A string never has more code points than chars, so only one longer than the limit needs counting.
        if (maxLength > 0 && text.length() > maxLength && UnicodeText.codePointCount(text) > maxLength) {
            throw atField(Rule.TOO_LONG, key);
        }
        if (limits.maxBytes() > 0 && UnicodeText.utf8Length(text) > limits.maxBytes()) {
            throw atField(Rule.TOO_LONG, key);
        }
        return text;
    }

    private static <T> T orRefuse(T value, Rule rule, String key) throws RejectedMessageException {
        if (value == null) {
            throw atField(rule, key);
        }
        return value;
    }
}
