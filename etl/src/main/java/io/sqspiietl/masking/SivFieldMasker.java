package io.sqspiietl.masking;

import static io.sqspiietl.masking.Fingerprints.DECODER;
import static io.sqspiietl.masking.Fingerprints.ENCODER;

import com.google.crypto.tink.DeterministicAead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@link MaskingMode#DETERMINISTIC} masker: the Tink AES-SIV ciphertext (key-id prefix, synthetic
 * IV, encrypted value) with the field's associated data. Key holders can reveal and re-mask values.
 */
public final class SivFieldMasker implements FieldMasker {
    /** Tink's TINK output prefix: a version byte, then the 4-byte big-endian key id. */
    private static final byte TINK_PREFIX_VERSION = 0x01;

    private final DeterministicAead aead;
    private final int primaryKeyId;

    SivFieldMasker(DeterministicAead aead, int primaryKeyId) {
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
    }

    @Override
    public String mask(MaskedField field, String value) {
        if (value == null) {
            return null;
        }
        return ENCODER.encodeToString(encrypt(value.getBytes(StandardCharsets.UTF_8), field.associatedData()));
    }

    @Override
    public String reveal(MaskedField field, String masked) throws UnmaskingException {
        try {
            byte[] plaintext = aead.decryptDeterministically(DECODER.decode(masked), field.associatedData());
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UnmaskingException("not a masked " + field.fieldName() + " value under this keyset");
        }
    }

    /**
     * Re-masks a value under the primary key, for {@code rekey} after a rotation.
     *
     * @return the value masked under the primary key, or empty if it already is (so an interrupted
     *         rekey resumes where it stopped by skipping what it already did)
     * @throws UnmaskingException if the value was not masked under any key of this keyset
     */
    public Optional<String> remask(MaskedField field, String masked) throws UnmaskingException {
        if (isUnderPrimary(masked)) {
            return Optional.empty();
        }
        return Optional.of(mask(field, reveal(field, masked)));
    }

    @Override
    public String fingerprint() {
        return ENCODER.encodeToString(encrypt(Fingerprints.TEXT, Fingerprints.DOMAIN));
    }

    @Override
    public boolean recognizes(String fingerprint) {
        try {
            return Arrays.equals(aead.decryptDeterministically(DECODER.decode(fingerprint), Fingerprints.DOMAIN),
                    Fingerprints.TEXT);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private boolean isUnderPrimary(String masked) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(masked);
        } catch (IllegalArgumentException e) {
            return false; // not ours at all: reveal will say so
        }
        return bytes.length > 5 && bytes[0] == TINK_PREFIX_VERSION
                && ByteBuffer.wrap(bytes, 1, 4).getInt() == primaryKeyId;
    }

    private byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encryptDeterministically(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            // Encryption with a valid primary key does not fail; if it does, nothing may be loaded.
            throw new IllegalStateException("masking failed", e);
        }
    }
}
