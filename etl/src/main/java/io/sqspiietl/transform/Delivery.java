package io.sqspiietl.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * One SQS message as the transform reads it.
 *
 * @param messageId    the SQS MessageId (or the key a quarantined message is stored under); never null
 * @param body         the message body; personal data, hence the redacting {@link #toString()}
 * @param sentAt       the SQS {@code SentTimestamp}; null when the queue gave none (real SQS always does)
 * @param receiveCount SQS's {@code ApproximateReceiveCount}, or 0 when unknown
 * @param loadTime     when the loader processes it, the value of a {@code load_time} column; never null
 */
public record Delivery(String messageId, String body, Instant sentAt, int receiveCount, Instant loadTime) {
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(loadTime, "loadTime");
    }

    @Override
    public String toString() {
        return "Delivery[messageId=" + messageId + ", sentAt=" + sentAt + ", receiveCount=" + receiveCount
                + ", body=<" + body.length() + " chars>]";
    }
}
