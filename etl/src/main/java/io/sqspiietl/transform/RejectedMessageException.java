package io.sqspiietl.transform;

/**
 * Carries a {@link Rejection} from the check that failed up to {@link EventParser} or {@link
 * MessageReader}, which turn it into a {@link ParseResult.Rejected}; it never leaves this package.
 *
 * <p>A refused message is an expected outcome, not a bug, so the exception records no stack trace,
 * which keeps a burst of bad messages cheap. Its message is the rule code and field only.
 */
final class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    private RejectedMessageException(Rejection rejection) {
        super(rejection.field() == null ? rejection.rule().code() : rejection.rule().code() + " on " + rejection.field(),
                null, false, false);
        this.rejection = rejection;
    }

    /** The whole body broke {@code rule}. */
    static RejectedMessageException wholeBody(Rule rule) {
        return new RejectedMessageException(new Rejection(rule, null));
    }

    /** The value of the flattened field {@code key} broke {@code rule}. */
    static RejectedMessageException atField(Rule rule, String key) {
        return new RejectedMessageException(new Rejection(rule, key));
    }

    /** No contract takes the message; {@code routingField} is the field contracts match on. */
    static RejectedMessageException noContract(String routingField) {
        return new RejectedMessageException(new Rejection(Rule.NO_CONTRACT, routingField, Rejection.Stage.ROUTE));
    }

    /**
     * The SNS envelope is unusable because of {@code member}, or as a whole when {@code member} is null.
     *
     * @param member one of the envelope members {@link MessageReader} reads, never a sender's key name
     */
    static RejectedMessageException badEnvelope(String member) {
        return new RejectedMessageException(new Rejection(Rule.BAD_ENVELOPE, member, Rejection.Stage.UNWRAP));
    }

    Rejection rejection() {
        return rejection;
    }
}
