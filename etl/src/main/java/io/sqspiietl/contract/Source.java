package io.sqspiietl.contract;

import java.util.List;
import java.util.Objects;

/** Where a column's value comes from: fields of the event, or the message's metadata. */
public sealed interface Source {

    /**
     * Flattened keys of the event, in order of preference: the first that holds a value (anything but
     * absent or JSON {@code null}) is read, and only that one.
     *
     * @param keys one or more flattened keys, e.g. {@code [create_date, timestamp]}
     */
    record Fields(List<String> keys) implements Source {
        public Fields {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a column reads at least one field");
            }
        }

        /** The first key: the one a missing value is reported under, and the masking domain of the column. */
        public String first() {
            return keys.get(0);
        }
    }

    /** Metadata of the message rather than a field of its event. */
    record Meta(MetaField field) implements Source {
        public Meta {
            Objects.requireNonNull(field, "field");
        }
    }
}
