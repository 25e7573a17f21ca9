package io.sqspiietl.pipeline;

import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives received messages back to the queue, for another receive to pick up at once. */
final class QueueReturns {
    private static final Logger LOG = LoggerFactory.getLogger(QueueReturns.class);

    private QueueReturns() {
    }

    /** Best effort: a message whose visibility cannot be reset comes back when its timeout runs out. */
    static void giveBack(MessageSource source, List<QueueMessage> messages) {
        try {
            source.changeVisibility(messages, Duration.ZERO);
        } catch (SourceException e) {
            LOG.debug("giving {} messages back failed ({}); they return after their visibility timeout",
                    messages.size(), e.getMessage());
        }
    }
}
