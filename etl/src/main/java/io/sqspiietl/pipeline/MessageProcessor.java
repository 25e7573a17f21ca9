package io.sqspiietl.pipeline;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.ColumnMasking;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.MaskingRecord;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TableRow;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.transform.Delivery;
import io.sqspiietl.transform.Event;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.ParseResult;
import io.sqspiietl.transform.Rejection;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one queue message into what the sink writes, in the way Kafka Connect chains its
 * transformations: the transform reads it (SNS envelope, parse, flatten, route to a contract,
 * validate, coerce), masking applies the contract's privacy policies, and the result is a row of the
 * contract's table, or a quarantine entry with the whole body sealed under the message's ledger key.
 * Pure apart from logging and the clock of {@code load_time}; thread-safe, so every worker shares one.
 */
public final class MessageProcessor {
    /** Reason recorded when the transform itself fails on a message: it is kept, not retried. */
    static final String PROCESSING_ERROR = "processing_error";
    /** The stage recorded with {@link #PROCESSING_ERROR}. */
    private static final String TRANSFORM_STAGE = "transform";
    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

    private final MessageReader reader;
    private final ColumnMasking masking;
    private final BodySealer sealer;
    private final MaskingRecord binding;
    private final Clock clock;
    private final PipelineListener listener;

    private MessageProcessor(MessageReader reader, ColumnMasking masking, MaskingKeyset keyset, Clock clock,
                             PipelineListener listener) {
        this.reader = reader;
        this.masking = masking;
        this.sealer = keyset.bodySealer();
        this.binding = KeysetBinding.of(keyset);
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * The processor of {@code contracts}' events under {@code keyset}.
     *
     * @param envelopes whether bodies may be SNS envelopes to unwrap
     * @param clock     the time of {@code load_time} columns
     * @param listener  told of the unknown fields ignored
     * @throws KeysetException when a contract needs a key the keyset does not hold
     */
    public static MessageProcessor of(Contracts contracts, SnsEnvelopeMode envelopes, MaskingKeyset keyset, Clock clock,
                                      PipelineListener listener) throws KeysetException {
        return new MessageProcessor(new MessageReader(contracts, envelopes), new ColumnMasking(contracts, keyset), keyset,
                clock, listener);
    }

    /** The key binding of the database this processor's masks belong in: every batch confirms it. */
    public MaskingRecord binding() {
        return binding;
    }

    /** Seals and opens quarantined bodies under the processor's keyset. */
    BodySealer bodySealer() {
        return sealer;
    }

    /** Processes one message; never throws for any message content. */
    public SinkRecord process(QueueMessage message) {
        return process(message.messageId(), message.body(), message.sentAt(), message.receiveCount());
    }

    /**
     * Processes a message known by its parts, e.g. a quarantined one being replayed; never throws
     * for any message content.
     *
     * @param messageId    the SQS MessageId (or the key a quarantined message is stored under, when its
     *                     MessageId was not recorded)
     * @param receiveCount SQS's {@code ApproximateReceiveCount}, recorded with a quarantine entry
     */
    public SinkRecord process(String messageId, String body, Instant sentAt, int receiveCount) {
        Delivery delivery = new Delivery(messageId, body, sentAt, receiveCount, clock.instant());
        MessageReader.Reading reading;
        try {
            reading = reader.read(delivery);
        } catch (RuntimeException e) {
            // A bug must not turn one message into an endless redelivery loop. The exception's
            // message may quote content, so only its type is logged.
            LOG.error("transform failed on message {} with {}; quarantined as {}",
                    messageId, e.getClass().getName(), PROCESSING_ERROR);
            return quarantine(messageId, delivery,
                    QuarantineCause.failed(TRANSFORM_STAGE, PROCESSING_ERROR, e.getClass().getName()));
        }
        String key = reading.idempotencyKey();
        if (reading.result() instanceof ParseResult.Accepted accepted) {
            if (accepted.unknownFields() > 0) {
                listener.ignoredUnknownFields(accepted.unknownFields());
            }
            Event event = accepted.event();
            return new SinkRecord.Load(key, new TableRow(event.contract(), masking.storedValues(event.contract(), event.values())));
        }
        ParseResult.Rejected rejected = (ParseResult.Rejected) reading.result();
        Rejection rejection = rejected.rejection();
        return quarantine(key, delivery, QuarantineCause.rejected(rejection.stage().code(), rejected.contract(),
                rejection.rule().code(), rejection.field()));
    }

    /**
     * A quarantine entry for a record the database refused: kept under the record's ledger key, with
     * what the database said.
     *
     * @param refused the record {@link #process} made of {@code message}
     */
    SinkRecord quarantine(QueueMessage message, SinkRecord refused, String reason, SinkException.Refusal refusal) {
        String contract = refused instanceof SinkRecord.Load load ? load.row().contract().name() : null;
        return new SinkRecord.Quarantine(refused.messageId(), message.messageId(),
                QuarantineCause.refused(contract, reason, refusal), message.sentAt(), message.receiveCount(),
                sealer.seal(refused.messageId(), message.body()));
    }

    private SinkRecord quarantine(String key, Delivery delivery, QuarantineCause cause) {
        return new SinkRecord.Quarantine(key, delivery.messageId(), cause, delivery.sentAt(), delivery.receiveCount(),
                sealer.seal(key, delivery.body()));
    }
}
