package io.sqspiietl.transform;

import java.time.Instant;

/** The event parser of the built-in login contract, for raw bodies sent at a given time, as tests call it. */
final class LoginEventParser {
    static final int MAX_BODY_CHARS = EventParser.MAX_BODY_CHARS;

    private static final Instant LOAD_TIME = Instant.parse("2026-12-01T00:00:00Z");

    private final EventParser parser = new EventParser(LoginEvent.LOGIN);

    /** @param sentAt the SQS {@code SentTimestamp}, or null for a queue that gave none */
    LoginParseResult parse(String body, Instant sentAt) {
        return LoginParseResult.of(parser.parse(body, Provenance.of(new Delivery("m-1", body, sentAt, 1, LOAD_TIME))));
    }
}
