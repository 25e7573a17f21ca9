package io.sqspiietl.transform;

import java.util.Objects;

/**
 * Why a message was refused: the rule it broke and where.
 *
 * <p>A rejection never carries the offending value, so it is safe to log, store and export as a
 * metric label.
 *
 * @param rule  the rule that failed; never null
 * @param field the flattened key or column name at fault (e.g. {@code user_id}), or null when the
 *              whole body is at fault (encoding, size, JSON syntax, not an object)
 */
public record Rejection(Rule rule, String field) {

    public Rejection {
        Objects.requireNonNull(rule, "rule");
    }
}
