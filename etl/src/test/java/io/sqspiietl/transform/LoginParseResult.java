package io.sqspiietl.transform;

/** A {@link ParseResult} of the login contract with its event as a {@link LoginEvent}, to compare in tests. */
sealed interface LoginParseResult {
    record Accepted(LoginEvent event, int unknownFields) implements LoginParseResult {
    }

    record Rejected(Rejection rejection) implements LoginParseResult {
    }

    static LoginParseResult of(ParseResult result) {
        if (result instanceof ParseResult.Accepted accepted) {
            return new Accepted(LoginEvent.of(accepted.event()), accepted.unknownFields());
        }
        return new Rejected(((ParseResult.Rejected) result).rejection());
    }
}
