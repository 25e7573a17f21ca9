package io.sqspiietl.masking;

import com.google.crypto.tink.DeterministicAead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Masks field values into short printable text and reveals them again with the same keyset.
 *
 * <p>A masked value is the unpadded base64url text of the Tink deterministic-AEAD ciphertext: a
 * 5-byte key id prefix, the 16-byte synthetic IV and the encrypted value. A value of at most
 * {@value #MAX_INPUT_BYTES} UTF-8 bytes therefore masks to at most 242 characters and fits the
 * {@code varchar(256)} columns. Thread-safe.
 */
public final class FieldMasker {
    /** The longest value, in UTF-8 bytes, whose masked form fits {@code varchar(256)}. */
    public static final int MAX_INPUT_BYTES = 160;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final DeterministicAead aead;

    FieldMasker(DeterministicAead aead) {
        this.aead = aead;
    }

    /**
     * Masks one value of the given field.
     *
     * @return the masked text, or {@code null} when {@code value} is {@code null}
     */
    public String mask(MaskedField field, String value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] ciphertext = aead.encryptDeterministically(
                    value.getBytes(StandardCharsets.UTF_8), field.associatedData());
            return ENCODER.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid primary key does not fail; if it does, nothing may be loaded.
            throw new IllegalStateException("masking failed for field " + field.fieldName(), e);
        }
    }

    /**
     * Recovers the original of a masked value.
     *
     * @throws UnmaskingException if the text is not a value of this field masked under this keyset
     */
    public String reveal(MaskedField field, String masked) throws UnmaskingException {
        try {
            byte[] plaintext = aead.decryptDeterministically(DECODER.decode(masked), field.associatedData());
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UnmaskingException(
                    "not a masked " + field.fieldName() + " value under this keyset");
        }
    }
}
