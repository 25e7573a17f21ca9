package io.sqspiietl.cli;

/** An option or its environment variable has a value the tool cannot use. Exit code 2. */
final class ConfigException extends RuntimeException {
    ConfigException(String message) {
        super(message);
    }
}
