package io.sqspiietl.transform;

import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import java.util.Objects;

/**
 * Turns an event body into an {@link Event} of the contract that takes it, or a {@link Rejection}.
 *
 * <h2>Contract</h2>
 * The body must be one JSON object. Nested objects are flattened with {@code _} ({@code {"device":
 * {"type": "ios"}}} gives {@code device_type}); the flattened keys the contracts read are kept, every
 * other leaf is ignored and counted in {@link ParseResult.Accepted#unknownFields()}. A JSON number or
 * boolean is read as written ({@code 2.30} gives {@code "2.30"}); JSON {@code null} is the same as
 * absent. Lengths are counted in code points (as PostgreSQL {@code varchar} does) and values are
 * never truncated. {@code docs/contracts.md} states each type's forms.
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
 *   <li>Routing and the contract's columns, in the order {@link EventMapper} states:
 *       {@link Rule#DUPLICATE_FIELD}, {@link Rule#NO_CONTRACT}, then each column's rules.
 * </ol>
 *
 * <p>Thread-safe and reusable: create one per set of contracts and share it. It keeps no
 * per-message state, reads no clock and never logs.
 */
public final class EventParser {

    /** The largest body accepted, in UTF-16 chars; SQS itself caps a message at 1 MiB. */
    public static final int MAX_BODY_CHARS = 1_048_576;

    private final KeyIndex keys;
    private final Flattener flattener;
    private final EventMapper mapper;

    /** A parser for {@code contracts}; construction works out their keys and configures JSON, so reuse it. */
    public EventParser(Contracts contracts) {
        this.keys = new KeyIndex(contracts);
        this.flattener = new Flattener(keys);
        this.mapper = new EventMapper(keys, contracts);
    }

    /**
     * Parses one event body.
     *
     * @param body       the event; must not be null
     * @param provenance where it came from, for metadata columns and the default send time
     * @return the event, or the first rule it breaks; never null. Malformed input is never signalled
     *     by an exception
     */
    ParseResult parse(String body, Provenance provenance) {
        Objects.requireNonNull(body, "body");
        if (!UnicodeText.isWellFormed(body)) {
            return rejectedBody(Rule.NOT_UTF8);
        }
        if (body.length() > MAX_BODY_CHARS) {
            return rejectedBody(Rule.LIMIT_EXCEEDED);
        }
        FlatMessage message;
        Contract contract;
        try {
            message = flattener.flatten(body);
            contract = mapper.route(message);
        } catch (RejectedMessageException rejected) {
            return new ParseResult.Rejected(rejected.rejection(), null);
        }
        try {
            return new ParseResult.Accepted(mapper.map(contract, message, provenance), mapper.unknownFields(contract, message));
        } catch (RejectedMessageException rejected) {
            return new ParseResult.Rejected(rejected.rejection(), contract.name());
        }
    }

    private static ParseResult rejectedBody(Rule rule) {
        return new ParseResult.Rejected(new Rejection(rule, null), null);
    }
}
