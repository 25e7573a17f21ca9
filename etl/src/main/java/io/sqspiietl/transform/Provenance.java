package io.sqspiietl.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event came from and when it is loaded: what metadata columns store, and the send time a
 * missing date defaults to.
 *
 * @param sqsMessageId the SQS MessageId of the delivery; never null
 * @param sqsSentAt    when SQS accepted the message ({@code SentTimestamp}); null when the queue gave none
 * @param receiveCount SQS's {@code ApproximateReceiveCount} of the delivery, or 0 when unknown
 * @param loadTime     when the loader processes the message; never null
 * @param snsTopicArn  the SNS topic of a message that came through SNS, else null
 * @param snsMessageId the SNS MessageId of a message that came through SNS, else null
 * @param sentTime     the send time a missing date or time defaults to: the SNS publish time of a
 *                     message that came through SNS, else {@code sqsSentAt}; null when neither is known
 */
record Provenance(String sqsMessageId, Instant sqsSentAt, int receiveCount, Instant loadTime, String snsTopicArn,
                  String snsMessageId, Instant sentTime) {
    Provenance {
        Objects.requireNonNull(sqsMessageId, "sqsMessageId");
        Objects.requireNonNull(loadTime, "loadTime");
    }

    /** A raw SQS message. */
    static Provenance of(Delivery delivery) {
        return new Provenance(delivery.messageId(), delivery.sentAt(), delivery.receiveCount(), delivery.loadTime(),
                null, null, delivery.sentAt());
    }

    /** The event inside an SNS notification delivered by SQS. */
    static Provenance of(Delivery delivery, SnsNotification notification) {
        return new Provenance(delivery.messageId(), delivery.sentAt(), delivery.receiveCount(), delivery.loadTime(),
                notification.topicArn(), notification.messageId(), notification.publishedAt());
    }
}
