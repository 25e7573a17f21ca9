package io.sqspiietl.sink;

import java.time.Instant;
import java.util.Objects;

/** What one queue message becomes in the database: a loaded row or a quarantine entry. */
public sealed interface SinkRecord {

    /**
     * The ledger key: the message's idempotency key, its SQS MessageId or, for an SNS notification,
     * {@code sns:} followed by the SNS MessageId. At most 128 characters.
     */
    String messageId();

    /** A valid event, loaded into its contract's table. */
    record Load(String messageId, TableRow row) implements SinkRecord {
        public Load {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * A message that broke a rule of its contract, kept in the quarantine ({@code user_logins_quarantine},
     * the one quarantine of every contract, named after the first).
     *
     * @param messageId    the ledger key, which is also the key the body is sealed under
     * @param sqsMessageId the SQS MessageId of the delivery quarantined (the ledger key of an SNS
     *                     notification is its SNS MessageId)
     * @param cause        why and where it was refused
     * @param sentAt       when SQS accepted the message; null when the queue did not say
     * @param receiveCount SQS's {@code ApproximateReceiveCount} of the delivery quarantined, or 0 when
     *                     unknown (a row quarantined before the count was recorded)
     * @param sealedBody   the whole SQS body, encrypted; the quarantine never holds readable personal data
     */
    record Quarantine(String messageId, String sqsMessageId, QuarantineCause cause, Instant sentAt, int receiveCount,
                      byte[] sealedBody) implements SinkRecord {
        public Quarantine {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(sqsMessageId, "sqsMessageId");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(sealedBody, "sealedBody");
            if (receiveCount < 0) {
                throw new IllegalArgumentException("receiveCount must not be negative");
            }
        }

        /** The rule's code, {@code cause().reason()}: what metrics and summaries count by. */
        public String reason() {
            return cause.reason();
        }

        @Override
        public String toString() {
            return "Quarantine[messageId=" + messageId + ", cause=" + cause + ", receiveCount=" + receiveCount + "]";
        }
    }
}
