package io.sqspiietl.masking;

import com.google.crypto.tink.DeterministicAead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts the bodies of quarantined messages so the quarantine holds no readable personal data.
 *
 * <p>The associated data binds each ciphertext to its SQS MessageId: a sealed body cannot be moved to
 * another quarantine row, and since MessageIds are unique, two bodies never share associated data,
 * so identical bodies of different messages still seal to different ciphertexts. Thread-safe.
 */
public final class BodySealer {
    private final DeterministicAead aead;

    BodySealer(DeterministicAead aead) {
        this.aead = aead;
    }

    /** Encrypts a message body under the associated data of its MessageId. */
    public byte[] seal(String messageId, String body) {
        try {
            return aead.encryptDeterministically(body.getBytes(StandardCharsets.UTF_8), associatedData(messageId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a quarantined body failed", e);
        }
    }

    /**
     * Decrypts a sealed body.
     *
     * @throws UnmaskingException if the bytes were not sealed for this MessageId under this keyset
     */
    public String open(String messageId, byte[] sealed) throws UnmaskingException {
        try {
            return new String(aead.decryptDeterministically(sealed, associatedData(messageId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnmaskingException("quarantined body does not decrypt under this keyset");
        }
    }

    private static byte[] associatedData(String messageId) {
        return ("sqs-pii-etl/quarantine/v1/" + messageId).getBytes(StandardCharsets.UTF_8);
    }
}
