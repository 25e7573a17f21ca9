package io.sqspiietl.transform;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a message was refused: the rule it broke, where, and at which stage of reading it.
 *
 * <p>A rejection never carries the offending value, so it is safe to log, store and export as a
 * metric label.
 *
 * @param rule  the rule that failed; never null
 * @param field the flattened field at fault (e.g. {@code user_id}), the field contracts match on for
 *              {@link Rule#NO_CONTRACT}, the envelope member at fault (e.g. {@code Type}), {@value
 *              MessageReader#MESSAGE_MEMBER} when the event inside an SNS envelope is at fault as a
 *              whole, or null when the whole body is
 * @param stage the stage that refused the message; never null, {@link Stage#UNWRAP} exactly for
 *              {@link Rule#BAD_ENVELOPE} and {@link Stage#ROUTE} exactly for {@link Rule#NO_CONTRACT}
 */
public record Rejection(Rule rule, String field, Stage stage) {

    /**
     * The stage of reading a message that refused it. Its {@link #code()} is stored in the quarantine,
     * so a constant is never renamed.
     */
    public enum Stage {
        /** Reading the SNS envelope around the event. */
        UNWRAP,
        /** Reading the event as a whole: encoding, size, JSON syntax and structure. */
        PARSE,
        /** Choosing the event's contract. */
        ROUTE,
        /** Checking the event's fields against their columns. */
        VALIDATE;

        /** The constant's name in lower case, e.g. {@code parse}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Rejection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(stage, "stage");
        if ((rule == Rule.BAD_ENVELOPE) != (stage == Stage.UNWRAP) || (rule == Rule.NO_CONTRACT) != (stage == Stage.ROUTE)) {
            throw new IllegalArgumentException(rule.code() + " cannot be refused at stage " + stage.code());
        }
    }

    /**
     * A rejection of the event itself: at {@link Stage#PARSE} when the whole body is at fault
     * ({@code field} null), at {@link Stage#VALIDATE} when a field is.
     */
    public Rejection(Rule rule, String field) {
        this(rule, field, field == null ? Stage.PARSE : Stage.VALIDATE);
    }
}
