package io.sqspiietl.pipeline;

import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.UserLoginRow;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.transform.LoginEvent;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.ParseResult;
import io.sqspiietl.transform.Rejection;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one queue message into what the sink writes: a masked row, or a quarantine entry with the
 * whole body sealed under the message's ledger key. Pure apart from logging; thread-safe, so every
 * receiver thread shares one.
 */
public final class LoginProcessor {
    /** Reason recorded when the transform itself fails on a message: it is kept, not retried. */
    static final String PROCESSING_ERROR = "processing_error";
    /** The stage recorded with {@link #PROCESSING_ERROR}. */
    private static final String TRANSFORM_STAGE = "transform";
    private static final Logger LOG = LoggerFactory.getLogger(LoginProcessor.class);

    private final MessageReader reader;
    private final FieldMasker masker;
    private final BodySealer sealer;
    private final PipelineListener listener;

    public LoginProcessor(MessageReader reader, FieldMasker masker, BodySealer sealer) {
        this(reader, masker, sealer, PipelineListener.NONE);
    }

    /** A processor that reports the unknown fields it ignores to {@code listener}. */
    public LoginProcessor(MessageReader reader, FieldMasker masker, BodySealer sealer, PipelineListener listener) {
        this.reader = reader;
        this.masker = masker;
        this.sealer = sealer;
        this.listener = listener;
    }

    /** Processes one message; never throws for any message content. */
    public SinkRecord process(QueueMessage message) {
        return process(message.messageId(), message.body(), message.sentAt(), message.receiveCount());
    }

    /**
     * Processes a message known by its parts, e.g. a quarantined one being replayed; never throws
     * for any message content.
     *
     * @param messageId    the SQS MessageId (or the key a quarantined message is stored under)
     * @param receiveCount SQS's {@code ApproximateReceiveCount}, recorded with a quarantine entry
     */
    public SinkRecord process(String messageId, String body, Instant sentAt, int receiveCount) {
        MessageReader.Reading reading;
        try {
            reading = reader.read(messageId, body, sentAt);
        } catch (RuntimeException e) {
            // A bug must not turn one message into an endless redelivery loop. The exception's
            // message may quote content, so only its type is logged.
            LOG.error("transform failed on message {} with {}; quarantined as {}",
                    messageId, e.getClass().getName(), PROCESSING_ERROR);
            return quarantine(messageId, body, sentAt, receiveCount,
                    QuarantineCause.failed(TRANSFORM_STAGE, PROCESSING_ERROR, e.getClass().getName()));
        }
        String key = reading.idempotencyKey();
        if (reading.result() instanceof ParseResult.Accepted accepted) {
            if (accepted.unknownFields() > 0) {
                listener.ignoredUnknownFields(accepted.unknownFields());
            }
            return new SinkRecord.Load(key, mask(accepted.event()));
        }
        Rejection rejection = ((ParseResult.Rejected) reading.result()).rejection();
        return quarantine(key, body, sentAt, receiveCount,
                QuarantineCause.rejected(rejection.stage().code(), rejection.rule().code(), rejection.field()));
    }

    private UserLoginRow mask(LoginEvent event) {
        return new UserLoginRow(event.userId(), event.deviceType(),
                masker.mask(MaskedField.IP, event.ip()),
                masker.mask(MaskedField.DEVICE_ID, event.deviceId()),
                event.locale(), event.appVersion(), event.createDate());
    }

    /**
     * A quarantine entry for a record the database refused: kept under the record's ledger key, with
     * what the database said.
     *
     * @param refused the record {@link #process} made of {@code message}
     */
    SinkRecord quarantine(QueueMessage message, SinkRecord refused, String reason, SinkException.Refusal refusal) {
        return quarantine(refused.messageId(), message.body(), message.sentAt(), message.receiveCount(),
                QuarantineCause.refused(reason, refusal));
    }

    private SinkRecord quarantine(String key, String body, Instant sentAt, int receiveCount, QuarantineCause cause) {
        return new SinkRecord.Quarantine(key, cause, sentAt, receiveCount, sealer.seal(key, body));
    }
}
