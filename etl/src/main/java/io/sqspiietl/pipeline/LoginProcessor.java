package io.sqspiietl.pipeline;

import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.UserLoginRow;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.transform.LoginEvent;
import io.sqspiietl.transform.LoginEventParser;
import io.sqspiietl.transform.ParseResult;
import io.sqspiietl.transform.Rejection;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one queue message into what the sink writes: a masked row, or a quarantine entry with the
 * body sealed. Pure apart from logging; thread-safe, so every receiver thread shares one.
 */
public final class LoginProcessor {
    /** Reason recorded when the transform itself fails on a message: it is kept, not retried. */
    static final String PROCESSING_ERROR = "processing_error";
    private static final Logger LOG = LoggerFactory.getLogger(LoginProcessor.class);

    private final LoginEventParser parser;
    private final FieldMasker masker;
    private final BodySealer sealer;

    public LoginProcessor(LoginEventParser parser, FieldMasker masker, BodySealer sealer) {
        this.parser = parser;
        this.masker = masker;
        this.sealer = sealer;
    }

    /** Processes one message; never throws for any message content. */
    public SinkRecord process(QueueMessage message) {
        return process(message.messageId(), message.body(), message.sentAt());
    }

    /**
     * Processes a message known by its parts, e.g. a quarantined one being replayed; never throws
     * for any message content.
     */
    public SinkRecord process(String messageId, String body, Instant sentAt) {
        ParseResult result;
        try {
            result = parser.parse(body, sentAt);
        } catch (RuntimeException e) {
            // A bug must not turn one message into an endless redelivery loop. The exception's
            // message may quote content, so only its type is logged.
            LOG.error("transform failed on message {} with {}; quarantined as {}",
                    messageId, e.getClass().getName(), PROCESSING_ERROR);
            return quarantine(messageId, body, sentAt, PROCESSING_ERROR, null);
        }
        if (result instanceof ParseResult.Accepted accepted) {
            return new SinkRecord.Load(messageId, mask(accepted.event()));
        }
        Rejection rejection = ((ParseResult.Rejected) result).rejection();
        return quarantine(messageId, body, sentAt, rejection.rule().code(), rejection.field());
    }

    private UserLoginRow mask(LoginEvent event) {
        return new UserLoginRow(event.userId(), event.deviceType(),
                masker.mask(MaskedField.IP, event.ip()),
                masker.mask(MaskedField.DEVICE_ID, event.deviceId()),
                event.locale(), event.appVersion(), event.createDate());
    }

    /** A quarantine entry for a message refused after processing, e.g. by the database. */
    SinkRecord quarantine(QueueMessage message, String reason) {
        return quarantine(message.messageId(), message.body(), message.sentAt(), reason, null);
    }

    private SinkRecord quarantine(String messageId, String body, Instant sentAt, String reason, String field) {
        return new SinkRecord.Quarantine(messageId, reason, field, sentAt, sealer.seal(messageId, body));
    }
}
