package io.sqspiietl.masking;

/** A masked value or sealed body did not decrypt under the keyset at hand. Carries no value. */
public final class UnmaskingException extends Exception {
    public UnmaskingException(String message) {
        super(message);
    }
}
