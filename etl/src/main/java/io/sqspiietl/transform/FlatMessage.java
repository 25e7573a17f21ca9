package io.sqspiietl.transform;

/**
 * The values of one message under the {@link KeyIndex known keys} after flattening, plus what
 * flattening noticed on the way. Filled by {@link Flattener}, then read by {@link EventMapper}; not
 * thread-safe, and never shared between messages.
 */
final class FlatMessage {

    private final FieldValue[] values;
    /** For each key given a value twice, the position (from 1, in document order) of its second value. */
    private final int[] duplicateAt;
    private int valuesSeen;
    private int unknownFields;

    FlatMessage(int keys) {
        values = new FieldValue[keys];
        duplicateAt = new int[keys];
    }

    /** Records the value under key {@code index}; a second value for the same key is a duplicate and is dropped. */
    void put(int index, FieldValue value) {
        valuesSeen++;
        if (values[index] == null) {
            values[index] = value;
        } else if (duplicateAt[index] == 0) {
            duplicateAt[index] = valuesSeen;
        }
    }

    /** The value under key {@code index}, or null when the message has none (JSON null is {@link FieldValue#NULL}). */
    FieldValue get(int index) {
        return values[index];
    }

    /**
     * Of the keys {@code indexes}, the one whose duplicate comes first in the document, or -1 when
     * none of them is given a value twice.
     */
    int firstDuplicateOf(int[] indexes) {
        int first = -1;
        for (int index : indexes) {
            if (duplicateAt[index] != 0 && (first < 0 || duplicateAt[index] < duplicateAt[first])) {
                first = index;
            }
        }
        return first;
    }

    void addUnknownFields(int count) {
        unknownFields += count;
    }

    /** The leaves under keys no contract reads. */
    int unknownFields() {
        return unknownFields;
    }
}
