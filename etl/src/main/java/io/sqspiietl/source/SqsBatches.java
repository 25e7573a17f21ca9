package io.sqspiietl.source;

import java.util.ArrayList;
import java.util.List;

/** SQS's batch calls (receive, delete, change visibility, send) take at most ten entries. */
public final class SqsBatches {
    /** The most entries of one batch call, and the most messages one receive returns. */
    public static final int MAX_ENTRIES = 10;

    private SqsBatches() {
    }

    /** {@code items} in consecutive chunks of at most {@link #MAX_ENTRIES}, in order; views, not copies. */
    public static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>((items.size() + MAX_ENTRIES - 1) / MAX_ENTRIES);
        for (int from = 0; from < items.size(); from += MAX_ENTRIES) {
            chunks.add(items.subList(from, Math.min(items.size(), from + MAX_ENTRIES)));
        }
        return chunks;
    }
}
