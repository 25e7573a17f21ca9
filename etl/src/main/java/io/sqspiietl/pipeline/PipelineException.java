package io.sqspiietl.pipeline;

/**
 * The run had to stop because of a failure that waiting cannot fix: bad credentials, a missing queue
 * or permission, a database that refuses the tool's statements. Messages not yet committed stay on
 * the queue. The message names the operation and the error, never message content.
 */
public final class PipelineException extends Exception {
    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
