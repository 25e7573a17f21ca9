package io.sqspiietl.sink;

import java.time.Instant;
import java.util.Objects;

/** What one queue message becomes in the database: a loaded row or a quarantine entry. */
public sealed interface SinkRecord {

    /** The SQS MessageId, the ledger key. */
    String messageId();

    /** A valid login event, loaded into {@code user_logins}. */
    record Load(String messageId, UserLoginRow row) implements SinkRecord {
        public Load {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * A message that broke a rule of the data contract, kept in {@code user_logins_quarantine}.
     *
     * @param reason     the rule's code, e.g. {@code missing_field}
     * @param field      the field at fault, or {@code null} when the whole body is
     * @param sentAt     when SQS accepted the message
     * @param sealedBody the body, encrypted; the quarantine never holds readable personal data
     */
    record Quarantine(String messageId, String reason, String field, Instant sentAt, byte[] sealedBody)
            implements SinkRecord {
        public Quarantine {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(sealedBody, "sealedBody");
        }

        @Override
        public String toString() {
            return "Quarantine[messageId=" + messageId + ", reason=" + reason + ", field=" + field + "]";
        }
    }
}
