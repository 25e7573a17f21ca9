package io.sqspiietl.keys;

import io.sqspiietl.sink.SealedBodies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SealedBodies} in memory, for unit tests of the key use cases: bodies in MessageId order, two
 * per transaction, and a transaction's rows are re-sealed all or nothing, as the real store does.
 */
final class InMemoryBodies implements SealedBodies {
    private static final int ROWS_PER_TRANSACTION = 2;

    private final Map<String, byte[]> bodies = new TreeMap<>();

    void put(String messageId, byte[] sealed) {
        bodies.put(messageId, sealed.clone());
    }

    byte[] get(String messageId) {
        return bodies.get(messageId).clone();
    }

    @Override
    public <X extends Exception> long resealAll(Resealer<X> resealer) throws X {
        List<String> ids = new ArrayList<>(bodies.keySet());
        long resealed = 0;
        for (int from = 0; from < ids.size(); from += ROWS_PER_TRANSACTION) {
            Map<String, byte[]> changed = new HashMap<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + ROWS_PER_TRANSACTION))) {
                resealer.reseal(id, bodies.get(id)).ifPresent(sealed -> changed.put(id, sealed));
            }
            // Reached only when the resealer accepted the whole transaction: the "commit".
            bodies.putAll(changed);
            resealed += changed.size();
        }
        return resealed;
    }
}
