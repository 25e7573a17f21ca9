package io.sqspiietl.transform;

/**
 * The rule a refused message broke.
 *
 * <p>Each rule has a stable {@link #code()} that is written to the quarantine table and used as a
 * metric label. Codes are part of the data contract: never rename one; add a new rule instead. The
 * constant names may be refactored freely because nothing outside this JVM sees them.
 *
 * <p>{@link EventParser} documents the order in which rules are checked, {@link MessageReader}
 * the rules of an SNS envelope.
 */
public enum Rule {
    /**
     * The body, or a mapped value decoded from a JSON escape such as <code>&#92;ud800</code>, contains an
     * unpaired UTF-16 surrogate and so cannot be encoded as UTF-8.
     */
    NOT_UTF8("not_utf8"),
    /** A parser limit was hit: body size, nesting depth, number length or string length. */
    LIMIT_EXCEEDED("limit_exceeded"),
    /** The body is not one well-formed JSON value, including trailing content after the value. */
    NOT_JSON("not_json"),
    /** The same key appears twice in one JSON object. */
    DUPLICATE_KEY("duplicate_key"),
    /** The body is empty or its top-level JSON value is not an object. */
    NOT_AN_OBJECT("not_an_object"),
    /** Two different keys flatten to the same mapped name, e.g. {@code device_type} and {@code device.type}. */
    DUPLICATE_FIELD("duplicate_field"),
    /** A required field is absent or JSON {@code null}. */
    MISSING_FIELD("missing_field"),
    /** A required field is the empty string. */
    EMPTY_FIELD("empty_field"),
    /** An object or array sits where a scalar column value is expected. */
    NOT_A_SCALAR("not_a_scalar"),
    /** A column's value contains U+0000, which PostgreSQL text cannot store. */
    NUL_CHARACTER("nul_character"),
    /** A value is longer than its column allows; values are never truncated. */
    TOO_LONG("too_long"),
    /** A value of a version column (the login's {@code app_version}) is not {@code MAJOR[.MINOR[.PATCH]]} within range. */
    BAD_APP_VERSION("bad_app_version"),
    /** A value of a date column (the login's {@code create_date}) is not a supported date form or lies outside years 1..9999. */
    BAD_DATE("bad_date"),
    /**
     * A date or time column that defaults to the send time has no value, and the message no send time
     * (the queue gave no {@code SentTimestamp}, and it did not come through SNS): its date is unknown,
     * and the loader's clock would be a wrong one. Real SQS always sends the attribute.
     */
    MISSING_SENT_TIMESTAMP("missing_sent_timestamp"),
    /** A value of an integer or bigint column is not a whole number of its range. */
    BAD_INTEGER("bad_integer"),
    /**
     * A value of a numeric column is not a decimal number, or has more digits before or after the point
     * than the column allows (it is never rounded).
     */
    BAD_NUMERIC("bad_numeric"),
    /** A value of a boolean column is not {@code true} or {@code false}. */
    BAD_BOOLEAN("bad_boolean"),
    /** A value of a timestamptz column is not a supported date-time form or lies outside years 1..9999. */
    BAD_TIMESTAMP("bad_timestamp"),
    /** A value of an ip-prefix column is not an IPv4 or IPv6 address. */
    BAD_IP("bad_ip"),
    /** The message's event matches no contract of the run; the rejection names the field contracts match on. */
    NO_CONTRACT("no_contract"),
    /**
     * An SNS envelope that is not a usable {@code Notification}: a member missing or malformed, or a
     * key repeated at its top level. {@link MessageReader} documents the members and their rules.
     */
    BAD_ENVELOPE("bad_envelope");

    private final String code;

    Rule(String code) {
        this.code = code;
    }

    /** The stable lower_snake identifier stored in the database and used in metrics; never null. */
    public String code() {
        return code;
    }
}
