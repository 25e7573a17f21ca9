package io.sqspiietl.masking;

/** A keyset file could not be used: missing, exposed, malformed or not writable. An operator error. */
public final class KeysetException extends Exception {
    public KeysetException(String message) {
        super(message);
    }
}
