package io.sqspiietl.transform;

import io.sqspiietl.contract.MetaField;

/** The value of a metadata column, from where the message came from. Stateless and thread-safe. */
final class Metadata {
    private Metadata() {
    }

    /** The value of {@code field}: text, an {@code Instant}, an {@code Integer}, or null when unknown. */
    static Object value(MetaField field, Provenance provenance) {
        return switch (field) {
            case SQS_MESSAGE_ID -> provenance.sqsMessageId();
            case SQS_SENT_TIME -> provenance.sqsSentAt();
            case SQS_RECEIVE_COUNT -> provenance.receiveCount() > 0 ? provenance.receiveCount() : null;
            case SNS_TOPIC_ARN -> provenance.snsTopicArn();
            case SNS_MESSAGE_ID -> provenance.snsMessageId();
            case LOAD_TIME -> provenance.loadTime();
        };
    }
}
