package io.sqspiietl.transform;

import java.time.Instant;

/**
 * The members of a valid SNS {@code Notification} envelope that the loader uses.
 *
 * @param messageId   the SNS MessageId: 1 to {@value SnsEnvelopeReader#MAX_MESSAGE_ID_LENGTH}
 *                    printable ASCII characters, the same in every SQS message that carries this
 *                    publication
 * @param topicArn    the topic it was published to
 * @param message     the {@code Message} string, the event as published; personal data, hence the
 *                    redacting {@link #toString()}
 * @param publishedAt the envelope's {@code Timestamp}: when SNS accepted the publication
 */
record SnsNotification(String messageId, String topicArn, String message, Instant publishedAt) {

    @Override
    public String toString() {
        return "SnsNotification[messageId=" + messageId + ", topicArn=" + topicArn + ", publishedAt=" + publishedAt
                + ", message=<" + message.length() + " chars>]";
    }
}
