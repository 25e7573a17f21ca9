package io.sqspiietl.contract;

import io.sqspiietl.contract.YamlTree.Node;
import java.util.List;
import java.util.Set;

/** Reads one entry of a contract's {@code columns} and checks that its keys make sense together. */
final class ColumnReader {
    private static final Set<String> KEYS = Set.of("name", "source", "meta", "type", "max_length", "max_bytes",
            "precision", "scale", "required", "policy", "default");
    /** The keys a metadata column takes: its value and type are the metadata's. */
    private static final Set<String> META_KEYS = Set.of("name", "meta");
    private static final String SENT_TIME = "sent_time";
    /** Longer keys are not field names but a mistake. */
    private static final int MAX_KEY_LENGTH = 255;

    private ColumnReader() {
    }

    static Column read(String origin, String path, Node node) throws ContractException {
        YamlMapping entry = YamlMapping.open(origin, path, node, KEYS);
        String name = entry.identifier("name");
        if (entry.has("meta")) {
            return meta(origin, path, node, name);
        }
        Source.Fields source = new Source.Fields(entry.has("source") ? fieldKeys(entry) : List.of(name));
        ColumnType type = type(entry);
        Limits limits = limits(entry, type);
        boolean required = entry.bool("required");
        Policy policy = policy(entry, type);
        boolean defaultSentTime = defaultSentTime(entry, type, required);
        return new Column(name, source, type, limits, required, policy, defaultSentTime);
    }

    /** Checks that {@code key}, read from {@code mapping}'s key {@code where}, can be a flattened field name. */
    static void requireFieldKey(YamlMapping mapping, String where, String key) throws ContractException {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw mapping.error(where, "'" + key + "' is not a field name: 1 to " + MAX_KEY_LENGTH
                    + " characters, no control characters");
        }
    }

    private static Column meta(String origin, String path, Node node, String name) throws ContractException {
        YamlMapping entry = YamlMapping.open(origin, path, node, META_KEYS);
        String code = entry.text("meta");
        MetaField field = Coded.fromCode(MetaField.class, code);
        if (field == null) {
            throw entry.error("meta", "unknown metadata '" + code + "'; expected one of " + Coded.codes(MetaField.class));
        }
        ColumnType type = switch (field) {
            case SQS_SENT_TIME, LOAD_TIME -> ColumnType.TIMESTAMPTZ;
            case SQS_RECEIVE_COUNT -> ColumnType.INTEGER;
            default -> ColumnType.TEXT;
        };
        return new Column(name, new Source.Meta(field), type, Limits.NONE, false, Policy.KEEP, false);
    }

    private static List<String> fieldKeys(YamlMapping entry) throws ContractException {
        List<String> keys = entry.texts("source");
        for (String key : keys) {
            requireFieldKey(entry, "source", key);
        }
        if (Set.copyOf(keys).size() != keys.size()) {
            throw entry.error("source", "a field is listed twice");
        }
        return keys;
    }

    private static ColumnType type(YamlMapping entry) throws ContractException {
        if (!entry.has("type")) {
            throw entry.error("missing key type; expected one of " + Coded.codes(ColumnType.class));
        }
        ColumnType type = Coded.fromCode(ColumnType.class, entry.text("type"));
        if (type == null) {
            throw entry.error("type", "unknown type '" + entry.text("type") + "'; expected one of " + Coded.codes(ColumnType.class));
        }
        return type;
    }

    private static Limits limits(YamlMapping entry, ColumnType type) throws ContractException {
        onlyFor(entry, "max_length", type.isText(), "text and ip columns");
        onlyFor(entry, "max_bytes", type.isText(), "text and ip columns");
        onlyFor(entry, "precision", type == ColumnType.NUMERIC, "numeric columns");
        onlyFor(entry, "scale", type == ColumnType.NUMERIC, "numeric columns");
        int precision = entry.integer("precision", 1, Limits.MAX_PRECISION);
        if (entry.has("scale") && precision == 0) {
            throw entry.error("scale", "needs a precision");
        }
        int scale = entry.integer("scale", 0, Math.max(precision, 0));
        return new Limits(entry.integer("max_length", 1, Limits.MAX_VARCHAR), entry.integer("max_bytes", 1, Limits.MAX_BYTES),
                precision, scale);
    }

    private static Policy policy(YamlMapping entry, ColumnType type) throws ContractException {
        if (!entry.has("policy")) {
            return Policy.KEEP;
        }
        Policy policy = Coded.fromCode(Policy.class, entry.text("policy"));
        if (policy == null) {
            throw entry.error("policy", "unknown policy '" + entry.text("policy") + "'; expected one of " + Coded.codes(Policy.class));
        }
        if (policy.isKeyed() && !type.isText()) {
            throw entry.error("policy", policy.code() + " masks text: declare the column as type text or ip "
                    + "(a number is read as written)");
        }
        if (policy == Policy.IP_PREFIX && type != ColumnType.IP) {
            throw entry.error("policy", "ip-prefix needs a column of type ip");
        }
        return policy;
    }

    private static boolean defaultSentTime(YamlMapping entry, ColumnType type, boolean required) throws ContractException {
        if (!entry.has("default")) {
            return false;
        }
        if (!SENT_TIME.equals(entry.text("default"))) {
            throw entry.error("default", "the only default is " + SENT_TIME + " (the message's send time)");
        }
        if (!type.isTime()) {
            throw entry.error("default", SENT_TIME + " is a default of date and timestamptz columns only");
        }
        if (required) {
            throw entry.error("default", "a required column has no default: a message without it is refused");
        }
        return true;
    }

    private static void onlyFor(YamlMapping entry, String key, boolean applies, String what) throws ContractException {
        if (entry.has(key) && !applies) {
            throw entry.error(key, key + " applies to " + what + " only");
        }
    }
}
