package io.sqspiietl.source;

/**
 * A queue operation failed. {@link #isTransient()} tells the caller whether waiting and retrying can
 * help (throttling, 5xx, network) or whether the run must stop (missing queue, bad credentials,
 * missing permission). The message never contains a message body.
 */
public final class SourceException extends Exception {
    private final boolean transientFailure;

    public SourceException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
