package io.sqspiietl.masking;

/** How field values are masked; recorded with the data so a run under another mode is refused. */
public enum MaskingMode {
    /** AES-SIV deterministic encryption: duplicates stay visible and key holders can reveal. */
    DETERMINISTIC("deterministic"),
    /** Keyed HMAC-SHA256: duplicates stay visible and nobody, not even a key holder, can reveal. */
    HMAC("hmac");

    private final String label;

    MaskingMode(String label) {
        this.label = label;
    }

    /** The mode's name on the command line, in the keyset file and in the database. */
    public String label() {
        return label;
    }

    /** Looks a mode up by its label. */
    public static MaskingMode fromLabel(String label) {
        for (MaskingMode mode : values()) {
            if (mode.label.equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown masking mode '" + label + "', expected deterministic or hmac");
    }
}
