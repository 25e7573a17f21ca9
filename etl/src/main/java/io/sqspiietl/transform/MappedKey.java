package io.sqspiietl.transform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The flattened keys that map to a column of the event; every other key is unknown and ignored.
 * Stateless and thread-safe.
 */
enum MappedKey {
    USER_ID("user_id"),
    DEVICE_TYPE("device_type"),
    LOCALE("locale"),
    IP("ip"),
    DEVICE_ID("device_id"),
    APP_VERSION("app_version"),
    CREATE_DATE("create_date"),
    TIMESTAMP("timestamp");

    private static final Map<String, MappedKey> BY_KEY = new HashMap<>();
    private static final Set<String> PREFIXES = new HashSet<>();

    static {
        for (MappedKey mapped : values()) {
            BY_KEY.put(mapped.key, mapped);
            for (int i = mapped.key.indexOf('_'); i > 0; i = mapped.key.indexOf('_', i + 1)) {
                PREFIXES.add(mapped.key.substring(0, i));
            }
        }
    }

    private final String key;

    MappedKey(String key) {
        this.key = key;
    }

    /** The flattened JSON key, which is also the name reported in a {@link Rejection}. */
    String key() {
        return key;
    }

    /** Returns the mapped key named {@code flatKey}, or null when that key is unknown. */
    static MappedKey forKey(String flatKey) {
        return BY_KEY.get(flatKey);
    }

    /**
     * Whether keys nested under {@code flatKey} can flatten to a mapped key ({@code device} can, via
     * {@code device_type}); when not, a nested object there is unknown as a whole.
     */
    static boolean isPrefixOfMappedKey(String flatKey) {
        return PREFIXES.contains(flatKey);
    }
}
