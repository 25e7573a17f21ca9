package io.sqspiietl.contract;

import java.util.Locale;

/**
 * What may be stored of a column's value: the privacy policy of the column. Each policy's {@link
 * #code()} is what contract files say and the masking catalog records.
 */
public enum Policy implements Coded {
    /** Stored as read, after validation and coercion. */
    KEEP,
    /**
     * Stored as a deterministic mask under the keyset: equal values give equal masks, so duplicates
     * stay visible, and a key holder can reveal the original (AES-SIV; in an hmac-mode keyset, HMAC).
     */
    MASK,
    /** Stored as a keyed HMAC-SHA256: equal values stay equal, and nobody can recover the original. */
    HMAC,
    /** Stored as the network of an IP address: its /24 (IPv4) or /48 (IPv6) prefix. */
    IP_PREFIX,
    /** Read and validated, never stored: the column is not in the table. */
    DROP;

    /** The policy's name in a contract file, e.g. {@code ip-prefix}. */
    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the stored value is a keyed mask of the value, so the column is in the masking catalog. */
    public boolean isKeyed() {
        return this == MASK || this == HMAC;
    }

}
