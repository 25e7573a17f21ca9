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

    /**
     * The message as SQS describes it, its system attributes as SQS sends them (the SDK's receive and
     * Lambda's SQS event alike): {@code SentTimestamp} in epoch milliseconds, and
     * {@code ApproximateReceiveCount}.
     *
     * @param sentTimestamp           null, or not a number, when the queue left it out (real SQS always
     *                                sends it, an SQS look-alike may not): the message then has no
     *                                {@code sentAt}, never a guess such as the receive time, and one
     *                                without a date of its own is quarantined
     * @param approximateReceiveCount null counts as a first receive
     */
    public static QueueMessage of(String messageId, String receiptHandle, String body, String sentTimestamp,
                                  String approximateReceiveCount) {
        return new QueueMessage(messageId, receiptHandle, body, sentAt(sentTimestamp),
                approximateReceiveCount == null ? 1 : Integer.parseInt(approximateReceiveCount));
    }

    private static Instant sentAt(String sentTimestamp) {
        if (sentTimestamp == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(sentTimestamp));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "QueueMessage[messageId=" + messageId + ", sentAt=" + sentAt + ", receiveCount=" + receiveCount
                + ", body=<" + body.length() + " chars>]";
    }
}
