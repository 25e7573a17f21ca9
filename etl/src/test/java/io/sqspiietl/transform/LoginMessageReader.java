package io.sqspiietl.transform;

import java.time.Instant;

/** The message reader of the built-in login contract, with its readings in the tests' terms. */
final class LoginMessageReader {
    private final MessageReader reader;

    LoginMessageReader(SnsEnvelopeMode mode) {
        this.reader = new MessageReader(LoginEvent.LOGIN, mode);
    }

    /** A reading, its event as a {@link LoginEvent}. */
    record Reading(String idempotencyKey, LoginParseResult result) {
    }

    Reading read(String messageId, String body, Instant sentAt) {
        MessageReader.Reading reading = reader.read(new Delivery(messageId, body, sentAt, 1, sentAt));
        return new Reading(reading.idempotencyKey(), LoginParseResult.of(reading.result()));
    }
}
