package io.sqspiietl.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One message as received from the queue.
 *
 * @param messageId     the SQS MessageId, stable across redeliveries: the key of exactly-once loading
 * @param receiptHandle the handle of this particular receive, needed to delete the message
 * @param body          the message body; personal data, so never shown by {@link #toString()}
 * @param sentAt        when SQS accepted the message ({@code SentTimestamp}), or null when the queue did
 *                      not say (an SQS look-alike may leave the attribute out)
 * @param receiveCount  how many times SQS has handed out this message, this receive included
 */
public record QueueMessage(String messageId, String receiptHandle, String body, Instant sentAt, int receiveCount) {
    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "QueueMessage[messageId=" + messageId + ", sentAt=" + sentAt + ", receiveCount=" + receiveCount
                + ", body=<" + body.length() + " chars>]";
    }
}
