package io.sqspiietl.cli;

/** The process's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    static final int RUNTIME_FAILURE = 1;
    static final int BAD_CONFIGURATION = 2;
    /** SIGTERM or SIGINT, and the run did not finish its in-flight work within --shutdown-timeout-s. */
    static final int SHUTDOWN_TIMEOUT = 3;

    private ExitCodes() {
    }
}
