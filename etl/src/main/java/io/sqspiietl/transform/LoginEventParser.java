package io.sqspiietl.transform;

import java.time.Instant;
import java.util.Objects;

/**
 * Turns an SQS message body into a {@link LoginEvent} or a {@link Rejection}.
 *
 * <h2>Contract</h2>
 * The body must be one JSON object. Nested objects are flattened with {@code _}
 * ({@code {"device": {"type": "ios"}}} gives {@code device_type}); the flattened keys {@code user_id},
 * {@code device_type}, {@code locale}, {@code ip}, {@code device_id}, {@code app_version}, {@code
 * create_date} and {@code timestamp} are mapped, every other leaf is ignored and counted in {@link
 * ParseResult.Accepted#unknownFields()}. A JSON number or boolean in a text field is taken as
 * written ({@code 2.30} gives {@code "2.30"}); JSON {@code null} is the same as absent. Lengths are
 * counted in code points (as PostgreSQL {@code varchar} does) and values are never truncated. See
 * {@link LoginEvent} for the form of each value, {@code AppVersionCodec} and {@code CreateDates} for
 * the accepted version and date forms.
 *
 * <h2>Check order</h2>
 * The first failure wins, in this order:
 * <ol>
 *   <li>{@link Rule#NOT_UTF8}: the body has an unpaired surrogate.
 *   <li>{@link Rule#LIMIT_EXCEEDED}: the body is longer than {@value #MAX_BODY_CHARS} chars.
 *   <li>Whichever the JSON parser meets first: {@link Rule#NOT_JSON} (including trailing content),
 *       {@link Rule#DUPLICATE_KEY}, or {@link Rule#LIMIT_EXCEEDED} (nesting deeper than 32, a number
 *       longer than 100 chars, a string longer than 1,048,576 chars). These name no field.
 *   <li>{@link Rule#NOT_AN_OBJECT}: the body is empty or its root is not an object.
 *   <li>{@link Rule#DUPLICATE_FIELD}: two keys flatten to the same mapped key (the first in
 *       document order is named).
 *   <li>The fields, in the order {@code user_id}, {@code device_type}, {@code locale}, {@code ip},
 *       {@code device_id}, {@code app_version}, date; within a field {@link Rule#MISSING_FIELD}
 *       ({@code user_id} only), {@link Rule#NOT_A_SCALAR}, {@link Rule#NUL_CHARACTER}, {@link
 *       Rule#NOT_UTF8} (a lone surrogate from a JSON escape), {@link Rule#EMPTY_FIELD} ({@code
 *       user_id} only), {@link Rule#TOO_LONG}, then {@link Rule#BAD_APP_VERSION} or {@link
 *       Rule#BAD_DATE}. The date comes from {@code create_date}, or from {@code timestamp} when
 *       {@code create_date} is absent or null; only the chosen field is checked.
 * </ol>
 *
 * <p>Thread-safe and reusable: create one and share it. It keeps no per-message state, reads no
 * clock and never logs.
 */
public final class LoginEventParser {

    /** The largest body accepted, in UTF-16 chars; SQS itself caps a message at 1 MiB. */
    public static final int MAX_BODY_CHARS = 1_048_576;

    private final Flattener flattener = new Flattener();

    /** Creates a parser; construction configures the JSON factory, so reuse the instance. */
    public LoginEventParser() {
    }

    /**
     * Parses one message body.
     *
     * @param body   the SQS message body; must not be null
     * @param sentAt the SQS {@code SentTimestamp} of the message, whose UTC date becomes the event
     *               date when the body carries none; null when the queue gave none, and then a body
     *               without a date breaks {@link Rule#MISSING_SENT_TIMESTAMP}
     * @return the event, or the first rule it breaks; never null. Malformed input is never signalled
     *     by an exception
     * @throws NullPointerException when the body is null
     */
    public ParseResult parse(String body, Instant sentAt) {
        Objects.requireNonNull(body, "body");
        if (!UnicodeText.isWellFormed(body)) {
            return rejectedBody(Rule.NOT_UTF8);
        }
        if (body.length() > MAX_BODY_CHARS) {
            return rejectedBody(Rule.LIMIT_EXCEEDED);
        }
        try {
            FlatMessage message = flattener.flatten(body);
            return new ParseResult.Accepted(LoginEventMapper.toEvent(message, sentAt), message.unknownFields());
        } catch (RejectedMessageException rejected) {
            return new ParseResult.Rejected(rejected.rejection());
        }
    }

    private static ParseResult rejectedBody(Rule rule) {
        return new ParseResult.Rejected(new Rejection(rule, null));
    }
}
