package io.sqspiietl.contract;

import java.util.Objects;

/**
 * One column of a contract: the one definition that parsing, validation, masking, {@code COPY},
 * reveal, rekey and stats all read.
 *
 * @param name            the column's name in the table (for a {@link Policy#DROP} column, only the
 *                        name errors and the contract use); a lower-case SQL identifier
 * @param source          the event's fields the value comes from, or the message's metadata
 * @param type            how the value is read and coerced; for metadata, the type it is read as
 * @param limits          bounds on the value
 * @param required        whether a message without a value (absent, JSON {@code null}, or empty) is refused
 * @param policy          what may be stored of the value
 * @param defaultSentTime whether a missing date or time defaults to the message's send time (the SNS
 *                        publish time of a message that came through SNS, else the SQS {@code SentTimestamp})
 */
public record Column(String name, Source source, ColumnType type, Limits limits, boolean required, Policy policy,
                     boolean defaultSentTime) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(policy, "policy");
    }

    /** Whether the column is in the table. */
    public boolean isStored() {
        return policy != Policy.DROP;
    }

    /**
     * The masking domain of a {@link Policy#isKeyed() keyed} column: the first field it reads. Masks
     * carry it as associated data, so the same text masks differently in different fields, and alike
     * in the same field of every table.
     */
    public String maskDomain() {
        return ((Source.Fields) source).first();
    }

    /** The type the column needs in the table; only for {@link #isStored() stored} columns. */
    public SqlType sqlType() {
        if (source instanceof Source.Meta meta) {
            return meta.field().sqlType();
        }
        return switch (policy) {
            case KEEP -> keptType();
            case MASK -> maskedType();
            case HMAC -> SqlType.varchar(MaskWidths.HMAC_CHARS);
            case IP_PREFIX -> SqlType.of("cidr");
            case DROP -> throw new IllegalStateException("column " + name + " is not stored");
        };
    }

    private SqlType keptType() {
        return switch (type) {
            case TEXT, IP -> limits.maxLength() > 0 ? SqlType.varchar(limits.maxLength())
                    : limits.maxBytes() > 0 ? SqlType.varchar(limits.maxBytes()) : SqlType.of("text");
            case INTEGER, VERSION -> SqlType.of("integer");
            case BIGINT -> SqlType.of("bigint");
            case NUMERIC -> SqlType.numeric(limits.precision(), limits.scale());
            case BOOLEAN -> SqlType.of("boolean");
            case DATE -> SqlType.of("date");
            case TIMESTAMPTZ -> SqlType.of("timestamptz");
        };
    }

    /** Wide enough for the longest value's mask; a UTF-8 character takes at most four bytes. */
    private SqlType maskedType() {
        long valueBytes = limits.maxBytes() > 0 ? limits.maxBytes() : 4L * limits.maxLength();
        int width = valueBytes > 0 && valueBytes <= Limits.MAX_BYTES ? MaskWidths.maskChars((int) valueBytes) : 0;
        return width > 0 ? SqlType.varchar(width) : SqlType.of("text");
    }
}
