package io.sqspiietl.masking;

import static io.sqspiietl.masking.Fingerprints.DECODER;
import static io.sqspiietl.masking.Fingerprints.ENCODER;

import com.google.crypto.tink.Mac;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The {@link MaskingMode#HMAC} masker: Tink's HMAC-SHA256 (256-bit tag, key-id prefix) of the field's
 * domain followed by the value. Irreversible for everyone, the key holder included; without the key
 * it cannot be computed, so enumerating candidate values gains nothing. A mask is 50 characters.
 */
final class HmacFieldMasker implements FieldMasker {
    private final Mac mac;

    HmacFieldMasker(Mac mac) {
        this.mac = mac;
    }

    @Override
    public String mask(MaskDomain domain, String value) {
        if (value == null) {
            return null;
        }
        return ENCODER.encodeToString(tag(domain.associatedData(), value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String reveal(MaskDomain domain, String masked) throws UnmaskingException {
        throw new UnmaskingException("values masked in hmac mode cannot be revealed, by design");
    }

    @Override
    public String fingerprint() {
        return ENCODER.encodeToString(tag(Fingerprints.DOMAIN, Fingerprints.TEXT));
    }

    @Override
    public boolean recognizes(String fingerprint) {
        try {
            mac.verifyMac(DECODER.decode(fingerprint), input(Fingerprints.DOMAIN, Fingerprints.TEXT));
            return true;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] tag(byte[] domain, byte[] value) {
        try {
            return mac.computeMac(input(domain, value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("masking failed", e);
        }
    }

    /**
     * Domain, a zero byte, then the value. The domains are fixed ASCII texts without a zero byte, so
     * no two (domain, value) pairs give the same input: fields stay separated.
     */
    private static byte[] input(byte[] domain, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(domain.length + 1 + value.length);
        out.writeBytes(domain);
        out.write(0);
        out.writeBytes(value);
        return out.toByteArray();
    }
}
