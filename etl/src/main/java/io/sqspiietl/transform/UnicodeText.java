package io.sqspiietl.transform;

/**
 * Measures and checks text the way PostgreSQL will see it once encoded as UTF-8. Stateless and
 * thread-safe.
 */
final class UnicodeText {

    private UnicodeText() {
    }

    /**
     * Whether every surrogate in {@code text} is part of a high-low pair, i.e. whether the text can
     * be encoded as UTF-8 at all.
     */
    static boolean isWellFormed(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The length in code points, the unit of PostgreSQL {@code varchar(n)}. */
    static int codePointCount(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The UTF-8 length in bytes of well-formed {@code text}, without encoding it. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += 2; // each half of a pair: 4 bytes per supplementary code point
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
