package io.sqspiietl.contract;

import com.fasterxml.jackson.core.JsonToken;
import io.sqspiietl.contract.YamlTree.Mapping;
import io.sqspiietl.contract.YamlTree.Node;
import io.sqspiietl.contract.YamlTree.Scalar;
import io.sqspiietl.contract.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mapping of a contract file, read key by key with typed accessors that report a mistake with
 * the file, the line and the key's path. Unknown keys are refused when it is opened, so a typo
 * ({@code max_lenght}) is an error rather than a silently ignored setting.
 */
final class YamlMapping {
    /** A lower-case SQL identifier that needs no quoting: contract, table, schema and column names. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String origin;
    private final String path;
    private final Mapping mapping;

    private YamlMapping(String origin, String path, Mapping mapping) {
        this.origin = origin;
        this.path = path;
        this.mapping = mapping;
    }

    /**
     * Opens {@code node} as a mapping that may hold only {@code allowed} keys.
     *
     * @param path where the mapping is, e.g. {@code columns[2]}; empty for the file's root
     */
    static YamlMapping open(String origin, String path, Node node, Set<String> allowed) throws ContractException {
        if (!(node instanceof Mapping mapping)) {
            throw ContractException.at(origin, node.line(), path, "expected a mapping of keys to values");
        }
        for (String key : mapping.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw ContractException.at(origin, mapping.keyLines().get(key), join(path, key),
                        "unknown key; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new YamlMapping(origin, path, mapping);
    }

    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    Node node(String key) throws ContractException {
        Node node = mapping.entries().get(key);
        if (node == null) {
            throw error("missing key " + key);
        }
        return node;
    }

    String path(String key) {
        return join(path, key);
    }

    /** A problem with the mapping as a whole, at its first line. */
    ContractException error(String problem) {
        return ContractException.at(origin, mapping.line(), path, problem);
    }

    /** A problem with the value of {@code key}, at its line. */
    ContractException error(String key, String problem) {
        return ContractException.at(origin, mapping.entries().get(key).line(), path(key), problem);
    }

    /** The text of a scalar (a string, number or boolean; not null). */
    String text(String key) throws ContractException {
        if (!(node(key) instanceof Scalar scalar) || scalar.token() == JsonToken.VALUE_NULL) {
            throw error(key, "expected a single value");
        }
        return scalar.text();
    }

    /** A string {@code key} that is a lower-case identifier. */
    String identifier(String key) throws ContractException {
        String text = text(key);
        if (!IDENTIFIER.matcher(text).matches()) {
            throw error(key, "'" + text + "' is not a lower-case identifier (a-z, 0-9 and _, at most 63, not starting with a digit)");
        }
        return text;
    }

    /** An integer {@code key} within {@code [min, max]}, or 0 when the key is absent. */
    int integer(String key, int min, int max) throws ContractException {
        if (!has(key)) {
            return 0;
        }
        if (!(node(key) instanceof Scalar scalar) || scalar.token() != JsonToken.VALUE_NUMBER_INT) {
            throw error(key, "expected a whole number");
        }
        long value;
        try {
            value = Long.parseLong(scalar.text());
        } catch (NumberFormatException tooLong) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            throw error(key, "must be between " + min + " and " + max + ", was " + scalar.text());
        }
        return (int) value;
    }

    /** A boolean {@code key}, false when absent. */
    boolean bool(String key) throws ContractException {
        if (!has(key)) {
            return false;
        }
        if (!(node(key) instanceof Scalar scalar)
                || (scalar.token() != JsonToken.VALUE_TRUE && scalar.token() != JsonToken.VALUE_FALSE)) {
            throw error(key, "expected true or false");
        }
        return scalar.token() == JsonToken.VALUE_TRUE;
    }

    /** The texts of {@code key}: one value, or a non-empty list of values. */
    List<String> texts(String key) throws ContractException {
        Node node = node(key);
        List<Node> items = node instanceof Sequence sequence ? sequence.items() : List.of(node);
        if (items.isEmpty()) {
            throw error(key, "expected at least one value");
        }
        List<String> texts = new ArrayList<>(items.size());
        for (Node item : items) {
            if (!(item instanceof Scalar scalar) || scalar.token() == JsonToken.VALUE_NULL) {
                throw ContractException.at(origin, item.line(), path(key), "expected a value or a list of values");
            }
            texts.add(scalar.text());
        }
        return texts;
    }

    /** The items of list {@code key}. */
    List<Node> list(String key) throws ContractException {
        if (!(node(key) instanceof Sequence sequence)) {
            throw error(key, "expected a list");
        }
        return sequence.items();
    }

    /** The entries of mapping {@code key}, as a mapping of its own that may hold any key. */
    Mapping mapping(String key) throws ContractException {
        if (!(node(key) instanceof Mapping inner)) {
            throw error(key, "expected a mapping of keys to values");
        }
        return inner;
    }

    String origin() {
        return origin;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
