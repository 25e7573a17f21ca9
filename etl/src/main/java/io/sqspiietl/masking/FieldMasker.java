package io.sqspiietl.masking;

/**
 * Masks field values into short printable text under one keyset. Implementations are thread-safe.
 *
 * <p>A masked value is unpadded base64url text that starts with Tink's 5-byte key-id prefix, so the
 * key that made it can be told without the key. In deterministic mode a value of n UTF-8 bytes masks
 * to ceil(4 (n + 21) / 3) characters (the prefix and AES-SIV's 16-byte synthetic IV come with it), in hmac
 * mode to 50 ({@link io.sqspiietl.contract.MaskWidths}). A contract's limits keep masks within its columns.
 */
public interface FieldMasker {

    /**
     * Masks one value of the given field: equal inputs give equal outputs under one keyset.
     *
     * @return the masked text, or {@code null} when {@code value} is {@code null}
     */
    String mask(MaskDomain domain, String value);

    /**
     * Recovers the original of a masked value.
     *
     * @throws UnmaskingException if the text is not a value of this field masked under this keyset,
     *                            or if the mode is irreversible by design
     */
    String reveal(MaskDomain domain, String masked) throws UnmaskingException;

    /**
     * A value that identifies the primary masking key without disclosing it: a mask of a fixed text
     * under its own associated data. Stored in the database so a run with another key is refused.
     */
    String fingerprint();

    /** Whether {@code fingerprint} was made by a key of this keyset, the primary or an older one. */
    boolean recognizes(String fingerprint);
}
