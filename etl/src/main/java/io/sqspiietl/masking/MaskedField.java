package io.sqspiietl.masking;

import java.nio.charset.StandardCharsets;

/** A message field whose value is personal data and is stored only masked. */
public enum MaskedField {
    IP("ip"),
    DEVICE_ID("device_id");

    private final String fieldName;
    private final byte[] associatedData;

    MaskedField(String fieldName) {
        this.fieldName = fieldName;
        // Versioned, field-specific associated data gives domain separation between fields.
        this.associatedData = ("sqs-pii-etl/mask/v1/" + fieldName).getBytes(StandardCharsets.UTF_8);
    }

    /** The field's name in the message and on the command line, e.g. {@code device_id}. */
    public String fieldName() {
        return fieldName;
    }

    /**
     * The field's associated data. Not copied: it is read on every mask, and the only callers are
     * this package's maskers, which never modify it.
     */
    byte[] associatedData() {
        return associatedData;
    }

    /** Looks a field up by its name as written on the command line. */
    public static MaskedField fromName(String name) {
        for (MaskedField field : values()) {
            if (field.fieldName.equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "', expected ip or device_id");
    }
}
