package io.sqspiietl.contract;

/**
 * How long a masked value is, so that a contract's masked columns are declared, and checked, wide
 * enough for every mask the keyset can make. A mask is unpadded base64url text (4 characters carry 3
 * bytes) of Tink's output: a deterministic mask (AES-SIV) is the value plus 21 bytes (the 5-byte key
 * prefix and the 16-byte synthetic IV); an HMAC mask is always 37 bytes (prefix and a 32-byte tag),
 * 50 characters. {@code MaskWidthsTest} in the masking tests checks these against real masks.
 */
public final class MaskWidths {
    /** The characters of every HMAC mask. */
    public static final int HMAC_CHARS = 50;
    /** What AES-SIV and Tink add to a value before it is encoded. */
    static final int SIV_OVERHEAD_BYTES = 21;

    private MaskWidths() {
    }

    /**
     * The longest mask of a value of at most {@code valueBytes} UTF-8 bytes under either kind of
     * keyset: a {@code mask} column of an hmac-mode keyset holds HMAC masks.
     */
    public static int maskChars(int valueBytes) {
        int siv = (4 * (valueBytes + SIV_OVERHEAD_BYTES) + 2) / 3;
        return Math.max(siv, HMAC_CHARS);
    }
}
