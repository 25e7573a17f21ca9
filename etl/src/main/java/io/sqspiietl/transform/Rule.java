package io.sqspiietl.transform;

/**
 * The rule a refused message broke.
 *
 * <p>Each rule has a stable {@link #code()} that is written to the quarantine table and used as a
 * metric label. Codes are part of the data contract: never rename one; add a new rule instead. The
 * constant names may be refactored freely because nothing outside this JVM sees them.
 *
 * <p>{@link LoginEventParser} documents the order in which rules are checked, {@link MessageReader}
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
    /** A mapped value contains U+0000, which PostgreSQL text cannot store. */
    NUL_CHARACTER("nul_character"),
    /** A value is longer than its column allows; values are never truncated. */
    TOO_LONG("too_long"),
    /** {@code app_version} is not {@code MAJOR[.MINOR[.PATCH]]} within range. */
    BAD_APP_VERSION("bad_app_version"),
    /** {@code create_date} or {@code timestamp} is not a supported date form or lies outside years 1..9999. */
    BAD_DATE("bad_date"),
    /**
     * The event carries no date ({@code create_date}, {@code timestamp}, an SNS envelope's
     * {@code Timestamp}) and the queue gave no {@code SentTimestamp} to fall back on: its date is
     * unknown, and the loader's clock would be a wrong one. Real SQS always sends the attribute.
     */
    MISSING_SENT_TIMESTAMP("missing_sent_timestamp"),
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
