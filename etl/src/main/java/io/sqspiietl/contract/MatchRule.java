package io.sqspiietl.contract;

import java.util.Objects;

/**
 * Which messages a contract takes: those whose flattened field {@code field} holds exactly {@code
 * value} (compared as JSON text, so {@code 1} and {@code "1"} are alike).
 */
public record MatchRule(String field, String value) {
    public MatchRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** As a contract file writes it: {@code event_type: purchase}. */
    @Override
    public String toString() {
        return field + ": " + value;
    }
}
