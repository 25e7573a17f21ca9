package io.sqspiietl.lambda;

/**
 * The function cannot start: a variable is missing or wrong, the keyset or a contract does not fit the
 * database, or the database cannot be reached. Lambda reports the init as failed with this one line
 * (naming the variable when one is to blame) and tries again at the next invocation; the messages stay
 * on the queue. The message never holds message content; there is no stack trace, the line says it all.
 */
final class InitException extends RuntimeException {
    InitException(String message) {
        super(message, null, false, false);
    }
}
