package io.sqspiietl.transform;

import java.util.Objects;

/**
 * The outcome of parsing one message body: exactly one of {@link Accepted} or {@link Rejected}.
 *
 * <p>Being sealed, it can be consumed with an exhaustive {@code switch} or {@code instanceof}
 * pattern; no outcome is signalled by an exception.
 */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    /**
     * The body is a valid event of its contract.
     *
     * @param event         the event; never null
     * @param unknownFields how many flattened leaf keys were not mapped to a column and were ignored
     *                      (an array or scalar counts as one leaf, an empty object as none); never
     *                      negative
     */
    record Accepted(Event event, int unknownFields) implements ParseResult {

        public Accepted {
            Objects.requireNonNull(event, "event");
            if (unknownFields < 0) {
                throw new IllegalArgumentException("unknownFields must not be negative");
            }
        }
    }

    /**
     * The body was refused and must be quarantined.
     *
     * @param rejection why; never null
     * @param contract  the name of the contract that refused it, or null when it was refused before a
     *                  contract was chosen (its envelope, its body as a whole, or no contract took it)
     */
    record Rejected(Rejection rejection, String contract) implements ParseResult {

        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
