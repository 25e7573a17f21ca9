package io.sqspiietl.transform;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flattened keys some contract of the run reads (its columns' fields and the routing field),
 * each numbered, so that a message's values are kept in an array rather than a map. Every other key
 * is unknown, and only counted. Immutable and thread-safe.
 */
final class KeyIndex {
    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final Set<String> prefixes = new HashSet<>();

    KeyIndex(Contracts contracts) {
        contracts.routingField().ifPresent(this::add);
        for (var contract : contracts.all()) {
            for (Column column : contract.columns()) {
                if (column.source() instanceof Source.Fields fields) {
                    fields.keys().forEach(this::add);
                }
            }
        }
    }

    private void add(String key) {
        if (indexes.putIfAbsent(key, keys.size()) == null) {
            keys.add(key);
            for (int i = key.indexOf('_'); i > 0; i = key.indexOf('_', i + 1)) {
                prefixes.add(key.substring(0, i));
            }
        }
    }

    /** How many keys there are; their indexes are 0 to this, exclusive. */
    int size() {
        return keys.size();
    }

    /** The index of {@code flatKey}, or -1 when no contract reads it. */
    int indexOf(String flatKey) {
        Integer index = indexes.get(flatKey);
        return index == null ? -1 : index;
    }

    /** The key numbered {@code index}, as a rejection names it. */
    String key(int index) {
        return keys.get(index);
    }

    /**
     * Whether keys nested under {@code flatKey} can flatten to a known key ({@code device} can, via
     * {@code device_type}); when not, a nested object there is unknown as a whole.
     */
    boolean isPrefix(String flatKey) {
        return prefixes.contains(flatKey);
    }
}
