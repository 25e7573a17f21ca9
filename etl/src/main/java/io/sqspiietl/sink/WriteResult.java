package io.sqspiietl.sink;

import java.util.List;

/**
 * The effect of one committed batch.
 *
 * @param written     the records written by this commit, loads and quarantines
 * @param redelivered how many records were skipped because their MessageId was already committed
 */
public record WriteResult(List<SinkRecord> written, int redelivered) {
    public WriteResult {
        written = List.copyOf(written);
    }
}
