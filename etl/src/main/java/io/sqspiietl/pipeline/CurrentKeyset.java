package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The processor a run masks and seals with, for the keyset it runs under now. A service that takes up
 * a rotated keyset ({@link KeysetSwap}) replaces it, and then each item an earlier keyset made is made
 * again before it is committed: nothing masked under a key the database is no longer bound to reaches
 * the table. Receivers read it while the writer replaces it: thread-safe.
 */
final class CurrentKeyset {
    /** A processor and its place in the run's succession of keysets. */
    private record Generation(int number, MessageProcessor processor) {
        /** The item this generation makes of {@code message}. */
        Item process(QueueMessage message) {
            return Item.of(message, processor.process(message), number);
        }

        /** Whether this generation made {@code item}. */
        boolean made(Item item) {
            return item.keyset() == number;
        }
    }

    private volatile Generation current;

    CurrentKeyset(MessageProcessor first) {
        current = new Generation(0, first);
    }

    /** Processes a received message under the current keyset. */
    Item process(QueueMessage message) {
        return current.process(message);
    }

    /** The items, each made again under the current keyset if an earlier one made it, in order. */
    List<Item> current(List<Item> items) {
        Generation generation = current;
        if (items.stream().allMatch(generation::made)) {
            return items;
        }
        List<Item> remade = new ArrayList<>(items.size());
        for (Item item : items) {
            remade.add(generation.made(item) ? item : generation.process(item.message()));
        }
        return remade;
    }

    /** The current processor. */
    MessageProcessor processor() {
        return current.processor();
    }

    /** Runs under {@code next} from now on. For the writer thread only, which alone commits items. */
    void replace(MessageProcessor next) {
        current = new Generation(current.number() + 1, next);
    }
}
