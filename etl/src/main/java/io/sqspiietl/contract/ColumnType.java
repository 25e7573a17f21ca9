package io.sqspiietl.contract;

import java.util.Locale;

/**
 * How a column reads its value from the event. Every field value is read from its JSON text: a
 * string's content, or a number or boolean as written.
 */
public enum ColumnType implements Coded {
    /** Text as sent; its limits are {@code max_length} (characters) and {@code max_bytes} (UTF-8). */
    TEXT,
    /**
     * An IP address as text: trimmed, and an IPv4 or IPv6 literal put in its canonical form, so that
     * every spelling of one address is stored (or masked) alike. Anything else is kept as trimmed.
     */
    IP,
    /** A 32-bit integer, from a JSON integer or a string of one. */
    INTEGER,
    /** A 64-bit integer, from a JSON integer or a string of one. */
    BIGINT,
    /** An exact decimal, never rounded; {@code precision} and {@code scale} as in SQL. */
    NUMERIC,
    /** {@code true} or {@code false}, as a JSON boolean or a string. */
    BOOLEAN,
    /** An ISO-8601 date or date-time (as its UTC date), or epoch seconds or milliseconds. */
    DATE,
    /** An ISO-8601 date-time (UTC when it has no offset) or date, or epoch seconds or milliseconds. */
    TIMESTAMPTZ,
    /**
     * An app version {@code MAJOR[.MINOR[.PATCH]]} stored as the integer
     * {@code MAJOR*1000000 + MINOR*1000 + PATCH}, which keeps version order and decodes back with the
     * schema's SQL function {@code app_version_text}.
     */
    VERSION;

    /** The type's name in a contract file, e.g. {@code timestamptz}. */
    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether values of this type are text, the only values a keyed policy masks. */
    public boolean isText() {
        return this == TEXT || this == IP;
    }

    /** Whether a missing value may default to the message's send time. */
    public boolean isTime() {
        return this == DATE || this == TIMESTAMPTZ;
    }

}
