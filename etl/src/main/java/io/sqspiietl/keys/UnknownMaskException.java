package io.sqspiietl.keys;

import io.sqspiietl.masking.UnmaskingException;

/**
 * A masked value was made by no key of the keyset at hand, so it can be neither revealed nor
 * re-masked. Like its cause, it carries no value, masked or original.
 */
public final class UnknownMaskException extends Exception {
    UnknownMaskException(String message, UnmaskingException cause) {
        super(message, cause);
    }
}
