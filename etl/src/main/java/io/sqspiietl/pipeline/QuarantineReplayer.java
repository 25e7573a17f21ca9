package io.sqspiietl.pipeline;

import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.MaskingRecord;
import io.sqspiietl.sink.QuarantineReplay;
import io.sqspiietl.sink.QuarantineReplay.Quarantined;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs the quarantine through the current transform and contracts, e.g. after a fix of a contract:
 * what now passes is loaded exactly once and leaves the quarantine; the rest stays with its cause
 * updated.
 */
public final class QuarantineReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineReplayer.class);
    private static final int BATCH_SIZE = 500;

    private final DatabaseSettings database;
    private final MessageProcessor processor;
    private final BodySealer sealer;
    private final MaskingRecord binding;

    /**
     * @param processor the current processing stage, whose keyset opens the quarantined bodies; reading SNS
     *                  envelopes ({@code SnsEnvelopeMode.AUTO}), it loads the envelopes a version that read
     *                  every body as the event quarantined
     */
    public QuarantineReplayer(DatabaseSettings database, MessageProcessor processor) {
        this.database = database;
        this.processor = processor;
        this.sealer = processor.bodySealer();
        this.binding = processor.binding();
    }

    /**
     * Replays the whole quarantine; safe to run while loaders run, and concurrently with itself. Each
     * batch's transaction confirms that the database is bound to the keyset's key.
     *
     * @throws PipelineException if the database fails, or was rebound to another key (a rotation) meanwhile
     */
    public QuarantineReplay.Result replay() throws PipelineException {
        try {
            return new QuarantineReplay(database, BATCH_SIZE, binding).replay(this::reprocess);
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    private SinkRecord reprocess(Quarantined message) {
        try {
            String body = sealer.open(message.messageId(), message.sealedBody());
            String sqsMessageId = message.sqsMessageId() != null ? message.sqsMessageId() : message.messageId();
            return processor.process(sqsMessageId, body, message.sentAt(), message.receiveCount());
        } catch (UnmaskingException e) {
            LOG.warn("quarantined message {} does not open under this keyset; left as it is", message.messageId());
            return null;
        }
    }
}
