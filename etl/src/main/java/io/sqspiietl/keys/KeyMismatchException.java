package io.sqspiietl.keys;

/** The database's masked columns were made under another masking mode or key. An operator error. */
public final class KeyMismatchException extends Exception {
    KeyMismatchException(String detail) {
        super("the masked columns in this database are in " + detail);
    }
}
