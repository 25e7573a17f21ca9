package io.sqspiietl.contract;

import java.util.Locale;

/**
 * Where a message came from and when it was loaded: what a metadata column stores instead of a
 * field of the event, for analysts and auditors who trace a row back to its message.
 */
public enum MetaField implements Coded {
    /** The SQS MessageId of the delivery: {@code varchar(128)}. */
    SQS_MESSAGE_ID(SqlType.varchar(128)),
    /** When SQS accepted the message ({@code SentTimestamp}). */
    SQS_SENT_TIME(SqlType.of("timestamptz")),
    /** SQS's {@code ApproximateReceiveCount} of the delivery loaded; NULL when unknown. */
    SQS_RECEIVE_COUNT(SqlType.of("integer")),
    /** The SNS topic of a message that came through an SNS subscription; NULL for a raw message. */
    SNS_TOPIC_ARN(SqlType.varchar(256)),
    /** The SNS MessageId of a message that came through an SNS subscription; NULL for a raw message. */
    SNS_MESSAGE_ID(SqlType.varchar(128)),
    /** When the loader processed the message (its clock, not the database's). */
    LOAD_TIME(SqlType.of("timestamptz"));

    private final SqlType sqlType;

    MetaField(SqlType sqlType) {
        this.sqlType = sqlType;
    }

    /** The metadata's name in a contract file, e.g. {@code sqs_message_id}. */
    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of the column that stores it. */
    public SqlType sqlType() {
        return sqlType;
    }

}
