package io.sqspiietl.transform;

/**
 * Carries a {@link Rejection} from the check that failed up to {@link LoginEventParser}, which turns
 * it into a {@link ParseResult.Rejected}; it never leaves this package.
 *
 * <p>A refused message is an expected outcome, not a bug, so the exception records no stack trace,
 * which keeps a burst of bad messages cheap. Its message is the rule code and field only.
 */
final class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final String field;

    private RejectedMessageException(Rule rule, String field) {
        super(field == null ? rule.code() : rule.code() + " on " + field, null, false, false);
        this.rule = rule;
        this.field = field;
    }

    /** The whole body broke {@code rule}. */
    static RejectedMessageException wholeBody(Rule rule) {
        return new RejectedMessageException(rule, null);
    }

    /** The value under {@code key} broke {@code rule}. */
    static RejectedMessageException atField(Rule rule, MappedKey key) {
        return new RejectedMessageException(rule, key.key());
    }

    Rejection rejection() {
        return new Rejection(rule, field);
    }
}
