package io.sqspiietl.lambda;

/**
 * A batch the database could not take: an outage that outlasted the invocation's time, a permanent
 * failure, or a database rebound to another masking key. Thrown out of the handler, it fails the
 * invocation, so Lambda returns the whole batch to the queue; the ledger skips whatever of it was
 * committed when it comes again. One line, never message content.
 */
final class BatchFailedException extends RuntimeException {
    BatchFailedException(String message) {
        super(message, null, false, false);
    }
}
