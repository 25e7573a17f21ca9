package io.sqspiietl.masking;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The field a masked value belongs to. Its name goes into every mask as associated data (versioned,
 * {@code sqs-pii-etl/mask/v1/NAME}), so the same text masks differently in different fields, and a
 * mask can be revealed only as a value of its own field. A contract's keyed column takes the first
 * field it reads as its domain, so the login's {@code masked_ip} is in domain {@code ip}.
 *
 * <p>Immutable; equal when the names are. The associated data is computed once, since every mask
 * reads it.
 */
public final class MaskDomain {
    private final String name;
    private final byte[] associatedData;

    private MaskDomain(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.associatedData = ("sqs-pii-etl/mask/v1/" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** The domain of field {@code name}, e.g. {@code device_id}. */
    public static MaskDomain of(String name) {
        return new MaskDomain(name);
    }

    public String name() {
        return name;
    }

    /** Not copied: only this package's maskers read it, and they never modify it. */
    byte[] associatedData() {
        return associatedData;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaskDomain domain && domain.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "MaskDomain[" + name + "]";
    }
}
