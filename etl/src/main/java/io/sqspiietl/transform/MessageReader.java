package io.sqspiietl.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * Reads one SQS message into a {@link ParseResult} and the key under which its outcome is recorded
 * exactly once, unwrapping an SNS envelope first when the mode is {@link SnsEnvelopeMode#AUTO}.
 *
 * <h2>What is an envelope</h2>
 * A body is an SNS envelope when it contains the text {@code "TopicArn"} (quotes included) and is one
 * JSON object with a top-level member named {@code TopicArn}. Any other body is the event itself, as
 * is every body under {@link SnsEnvelopeMode#OFF}. So a login event that mentions {@code TopicArn}
 * only in a value, in a nested object or in an escaped key spelling is read as an event, and a
 * body that is not JSON is refused by the event's own rules. Raw events pay one substring search.
 *
 * <h2>A valid notification</h2>
 * Checked in this order; the first failure refuses the message with {@link Rule#BAD_ENVELOPE}, at
 * {@link Rejection.Stage#UNWRAP}, naming the member:
 * <ol>
 *   <li>no key appears twice at the top level (the rejection names no field);
 *   <li>{@code Type} is the string {@code "Notification"} ({@code SubscriptionConfirmation} and
 *       {@code UnsubscribeConfirmation} carry no event);
 *   <li>{@code MessageId} is a string of 1 to {@value SnsEnvelopeReader#MAX_MESSAGE_ID_LENGTH}
 *       printable ASCII characters, no space (so that it fits the ledger with its prefix);
 *   <li>{@code TopicArn} is a string;
 *   <li>{@code Timestamp} is an ISO-8601 date-time with offset ({@code 2024-05-06T07:08:09.123Z})
 *       whose UTC date lies in years 1..9999;
 *   <li>{@code Message} is a string.
 * </ol>
 * Other members ({@code Signature}, {@code MessageAttributes}, ...) are not read; the signature is not
 * verified (the queue's access policy decides who may send).
 *
 * <h2>The event inside</h2>
 * The {@code Message} string is parsed by {@link LoginEventParser} with all its rules, once: an
 * envelope inside it is not unwrapped again. Its {@code create_date} falls back to the UTC date of
 * the envelope's {@code Timestamp}, the publish time, instead of the SQS {@code SentTimestamp}. A
 * rejection of a field names the field, as for a raw event; a rejection of the event as a whole
 * names the field {@value #MESSAGE_MEMBER}.
 *
 * <h2>The key</h2>
 * {@value #SNS_KEY_PREFIX} followed by the SNS {@code MessageId} for a valid notification, so that one
 * publication delivered as several SQS messages has one key (an SQS MessageId never contains a
 * colon, so the two kinds cannot collide); the SQS MessageId for everything else, bad envelopes
 * included, whose SNS MessageId cannot be trusted.
 *
 * <p>Thread-safe and reusable: create one and share it. Never logs, never reads a clock.
 */
public final class MessageReader {

    /** The field a rejection names when the event inside an envelope is refused as a whole. */
    public static final String MESSAGE_MEMBER = SnsEnvelopeReader.MESSAGE;
    /** The namespace of keys taken from an SNS MessageId. */
    public static final String SNS_KEY_PREFIX = "sns:";

    private final SnsEnvelopeMode mode;
    private final SnsEnvelopeReader envelopes = new SnsEnvelopeReader();
    private final LoginEventParser parser = new LoginEventParser();

    /** Creates a reader; construction configures JSON factories, so reuse the instance. */
    public MessageReader(SnsEnvelopeMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * What one message holds.
     *
     * @param idempotencyKey the key of the message's exactly-once outcome, as described above
     * @param result         the event, or the first rule the message breaks
     */
    public record Reading(String idempotencyKey, ParseResult result) {
        public Reading {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Reads one message.
     *
     * @param messageId the SQS MessageId
     * @param body      the SQS message body
     * @param sentAt    the SQS {@code SentTimestamp}, the last fallback of the event date; null when the
     *                  queue gave none
     * @return never null; malformed input is never signalled by an exception
     * @throws NullPointerException when the message id or the body is null
     */
    public Reading read(String messageId, String body, Instant sentAt) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        SnsNotification notification;
        try {
            notification = mode == SnsEnvelopeMode.AUTO ? envelopes.read(body) : null;
        } catch (RejectedMessageException badEnvelope) {
            return new Reading(messageId, new ParseResult.Rejected(badEnvelope.rejection()));
        }
        if (notification == null) {
            return new Reading(messageId, parser.parse(body, sentAt));
        }
        ParseResult event = parser.parse(notification.message(), notification.publishedAt());
        return new Reading(SNS_KEY_PREFIX + notification.messageId(), namingTheMessage(event));
    }

    /** A rejection of the whole inner event names the member that held it. */
    private static ParseResult namingTheMessage(ParseResult event) {
        if (event instanceof ParseResult.Rejected rejected && rejected.rejection().field() == null) {
            Rejection whole = rejected.rejection();
            return new ParseResult.Rejected(new Rejection(whole.rule(), MESSAGE_MEMBER, whole.stage()));
        }
        return event;
    }
}
