package io.sqspiietl.transform;

/**
 * What a message holds under one mapped key.
 *
 * @param kind what sort of JSON value it is; never null
 * @param text for {@link Kind#SCALAR}, the string's content or the number or boolean exactly as
 *             written ({@code 2.30} stays {@code "2.30"}); null for the other kinds. Personal data,
 *             hence the redacting {@link #toString()}
 */
record FieldValue(Kind kind, String text) {

    enum Kind {
        /** JSON {@code null}. */
        NULL,
        /** A string, number or boolean. */
        SCALAR,
        /** An object or array, which no column can hold. */
        CONTAINER
    }

    static final FieldValue NULL = new FieldValue(Kind.NULL, null);
    static final FieldValue CONTAINER = new FieldValue(Kind.CONTAINER, null);

    static FieldValue scalar(String text) {
        return new FieldValue(Kind.SCALAR, text);
    }

    @Override
    public String toString() {
        return "FieldValue[kind=" + kind + "]";
    }
}
