package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.source.QueueMessage;

/**
 * A received message and what the sink should make of it.
 *
 * @param bytes  the memory the pair holds until the message is deleted: its body as a Java string
 *               (counted at two bytes a character, the most a string takes) and, for a quarantine
 *               entry, the sealed body
 * @param keyset the generation of the run's keyset that masked or sealed {@code record} (see
 *               {@link CurrentKeyset}); 0 for the keyset the run started with
 */
record Item(QueueMessage message, SinkRecord record, long bytes, int keyset) {
    /** The item for {@code message}, with its memory counted. */
    static Item of(QueueMessage message, SinkRecord record, int keyset) {
        long sealed = record instanceof SinkRecord.Quarantine quarantine ? quarantine.sealedBody().length : 0;
        return new Item(message, record, 2L * message.body().length() + sealed, keyset);
    }
}
