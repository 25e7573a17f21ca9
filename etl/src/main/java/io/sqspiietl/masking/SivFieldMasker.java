package io.sqspiietl.masking;

import static io.sqspiietl.masking.Fingerprints.DECODER;
import static io.sqspiietl.masking.Fingerprints.ENCODER;

import com.google.crypto.tink.DeterministicAead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@link MaskingMode#DETERMINISTIC} masker: the Tink AES-SIV ciphertext (key-id prefix, synthetic
 * IV, encrypted value) with the field's associated data. Key holders can reveal and re-mask values.
 */
public final class SivFieldMasker implements FieldMasker {
    private final DeterministicAead aead;
    private final byte[] primaryOutputPrefix;

    /**
     * @param primaryOutputPrefix what Tink puts before every ciphertext of the primary key (for
     *                            the keys {@code keys create} makes: a version byte and the key id)
     */
    SivFieldMasker(DeterministicAead aead, byte[] primaryOutputPrefix) {
        this.aead = aead;
        this.primaryOutputPrefix = primaryOutputPrefix.clone();
    }

    @Override
    public String mask(MaskDomain domain, String value) {
        if (value == null) {
            return null;
        }
        return ENCODER.encodeToString(encrypt(value.getBytes(StandardCharsets.UTF_8), domain.associatedData()));
    }

    @Override
    public String reveal(MaskDomain domain, String masked) throws UnmaskingException {
        try {
            byte[] plaintext = aead.decryptDeterministically(DECODER.decode(masked), domain.associatedData());
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UnmaskingException("not a masked " + domain.name() + " value under this keyset");
        }
    }

    /**
     * Re-masks a value under the primary key, for {@code rekey} after a rotation.
     *
     * @return the value masked under the primary key, or empty if it already is (so an interrupted
     *         rekey resumes where it stopped by skipping what it already did)
     * @throws UnmaskingException if the value was not masked under any key of this keyset
     */
    public Optional<String> remask(MaskDomain domain, String masked) throws UnmaskingException {
        if (isUnderPrimary(masked)) {
            return Optional.empty();
        }
        return Optional.of(mask(domain, reveal(domain, masked)));
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
        // A key without a prefix (Tink's RAW) marks nothing as its own: such values are always re-masked.
        int prefix = primaryOutputPrefix.length;
        return prefix > 0 && bytes.length > prefix && Arrays.equals(bytes, 0, prefix, primaryOutputPrefix, 0, prefix);
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
