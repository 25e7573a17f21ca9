package io.sqspiietl.transform;

/**
 * The mapped values of one message after flattening, plus what flattening noticed on the way.
 * Filled by {@link Flattener}, then read by {@link LoginEventMapper}; not thread-safe, and never
 * shared between messages.
 */
final class FlatMessage {

    private static final MappedKey[] KEYS = MappedKey.values();

    private final FieldValue[] values = new FieldValue[KEYS.length];
    private MappedKey firstDuplicate;
    private int unknownFields;

    /** Records the value under {@code key}; a second value for the same key is a duplicate and is dropped. */
    void put(MappedKey key, FieldValue value) {
        if (values[key.ordinal()] == null) {
            values[key.ordinal()] = value;
        } else if (firstDuplicate == null) {
            firstDuplicate = key;
        }
    }

    /** The value under {@code key}, or null when the message has none (JSON null is {@link FieldValue#NULL}). */
    FieldValue get(MappedKey key) {
        return values[key.ordinal()];
    }

    /** The first key (in document order) given a value twice, or null when there is none. */
    MappedKey firstDuplicate() {
        return firstDuplicate;
    }

    void addUnknownFields(int count) {
        unknownFields += count;
    }

    int unknownFields() {
        return unknownFields;
    }
}
