package io.sqspiietl.embedded;

/**
 * Thrown when an embedded service cannot be prepared, started or stopped.
 *
 * <p>The message always says what was attempted and, when a server process was involved, includes the tail of
 * its log, so that a failing test or demo explains itself without anyone having to look for files.
 */
public class EmbeddedServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, including any diagnostic output
     */
    public EmbeddedServiceException(String message) {
        super(message);
    }

    /**
     * @param message what failed, including any diagnostic output
     * @param cause the underlying failure
     */
    public EmbeddedServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
