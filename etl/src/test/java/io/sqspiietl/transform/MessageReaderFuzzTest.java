package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Policy;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TableRow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * Coverage-guided fuzzing of the untrusted-input path, from an SQS body to what the sink writes: the
 * SNS envelope reader, the parser and flattener, routing and the contract mapper, then masking
 * ({@link MessageProcessor}). Each input is read by {@link FuzzContracts}' login and every-type
 * contracts as a body as sent (a raw event or an SNS envelope) and as the {@code Message} of a valid
 * notification, and by the every-type contract alone, which refuses what it does not match. The
 * properties are the data contract's:
 * <ul>
 *   <li>no exception escapes the reader or the processor, and the processor never falls back to
 *       {@code processing_error};
 *   <li>an accepted event becomes a row of its contract's table, a refused one a quarantine entry
 *       with the same rule, stage, field and contract, whose sealed body opens to the body (to any
 *       body SQS can carry: the input may hold lone surrogates too, which no UTF-8 holds);
 *   <li>a row stores each kept value as read, a mask that reveals to each {@code mask} value, the
 *       keyed HMAC of each {@code hmac} value, and nothing of a {@code drop} column;
 *   <li>a rejection names only a rule, a stage, the run's contract and a field the contracts read or
 *       an envelope member;
 *   <li>no raw value of a {@code mask} or {@code hmac} field appears in another stored value, in the
 *       text of any result or record, or in a log line.
 * </ul>
 * {@code docs/fuzzing.md} tells how to run it longer and where its corpus is.
 */
class MessageReaderFuzzTest {
    private static final Instant SENT_AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant LOADED_AT = Instant.parse("2026-03-02T10:00:05Z");
    private static final int RECEIVE_COUNT = 2;
    private static final String RAW_ID = "sqs-fuzz-raw";
    private static final String WRAPPED_ID = "sqs-fuzz-wrapped";
    private static final String SNS_ID = "sns-fuzz";
    /**
     * Shorter raw values are not looked for: a few characters can stand in a mask or in a record's
     * text by chance. The fuzzer makes longer ones from the seeds' values within seconds.
     */
    private static final int MIN_LOOKED_FOR_LENGTH = 10;
    private static final Set<String> ENVELOPE_MEMBERS = Set.of(SnsEnvelopeReader.TYPE, SnsEnvelopeReader.MESSAGE_ID,
            SnsEnvelopeReader.TOPIC_ARN, SnsEnvelopeReader.TIMESTAMP, SnsEnvelopeReader.MESSAGE);

    private static final MaskingKeyset KEYSET = MaskingKeyset.generate();
    /** The login contract beside the every-type one: the login takes what the other does not match. */
    private static final Run WITH_LOGIN = new Run(FuzzContracts.loginAndEveryType());
    /** The every-type contract alone: what it does not match is refused at routing. */
    private static final Run EVERY_TYPE_ALONE = new Run(FuzzContracts.everyTypeAlone());
    /** What a rejection of the event may name: the contracts' fields, or the envelope member that held the event. */
    private static final Set<String> FIELD_NAMES = fieldNames();
    private static final List<String> VOCABULARY = vocabulary();
    private static ListAppender<ILoggingEvent> logs;

    @FuzzTest
    void message(byte[] input) throws Exception {
        String body = text(input);
        check(WITH_LOGIN, RAW_ID, body);
        check(WITH_LOGIN, WRAPPED_ID, SnsEnvelopes.envelope(SNS_ID, body));
        check(EVERY_TYPE_ALONE, RAW_ID, body);
    }

    /** The stages of one run's contracts: the reader, and the processor that reads and masks. */
    private record Run(Contracts contracts, MessageReader reader, MessageProcessor processor) {
        Run(Contracts contracts) {
            this(contracts, new MessageReader(contracts, SnsEnvelopeMode.AUTO), processorOf(contracts));
        }
    }

    private static void check(Run run, String messageId, String body) throws UnmaskingException {
        logs.list.clear();
        MessageReader.Reading reading = run.reader().read(new Delivery(messageId, body, SENT_AT, RECEIVE_COUNT, LOADED_AT));
        SinkRecord record = run.processor().process(messageId, body, SENT_AT, RECEIVE_COUNT);

        assertThat(record.messageId()).isEqualTo(reading.idempotencyKey());
        Outcome outcome = reading.result() instanceof ParseResult.Accepted accepted ? loaded(accepted.event(), record)
                : quarantined(run.contracts(), (ParseResult.Rejected) reading.result(), record, body);
        outcome.shown().addAll(List.of(reading.toString(), record.toString()));
        logs.list.forEach(line -> outcome.shown().add(line.getFormattedMessage()));
        checkNoRawValueShown(body, outcome);
    }

    /**
     * What a message's outcome shows, and what it may show.
     *
     * @param keyedFields the fields whose raw values it may not show: those of the contract that took or
     *                    refused the message, or of every contract when none did
     * @param keyedValues the values it masked
     * @param shown       the texts it shows: stored values that are not masks, results, records, log lines
     * @param mayShow     values it may show whatever the keyed fields hold: the other stored values as read
     */
    private record Outcome(Set<String> keyedFields, List<String> keyedValues, List<String> shown, List<String> mayShow) {
    }

    private static Outcome loaded(Event event, SinkRecord record) throws UnmaskingException {
        assertThat(record).isInstanceOf(SinkRecord.Load.class);
        TableRow row = ((SinkRecord.Load) record).row();
        checkRow(event, row);
        return new Outcome(FuzzContracts.keyedFields(event.contract()), keyedValues(event),
                unkeyed(event.contract(), row.values()), unkeyed(event.contract(), stored(event)));
    }

    private static Outcome quarantined(Contracts contracts, ParseResult.Rejected rejected, SinkRecord record, String body)
            throws UnmaskingException {
        assertThat(record).isInstanceOf(SinkRecord.Quarantine.class);
        checkQuarantine(rejected, (SinkRecord.Quarantine) record, body);
        Set<String> keyedFields = rejected.contract() == null ? FuzzContracts.keyedFields(contracts)
                : FuzzContracts.keyedFields(contracts.named(rejected.contract())
                        .orElseThrow(() -> new AssertionError("refused by a contract of another run: " + rejected.contract())));
        return new Outcome(keyedFields, List.of(), new ArrayList<>(), List.of());
    }

    /**
     * Looks for each raw value of a keyed field, as the body holds it and as it was masked, in what the
     * outcome shows; unless it is short, or the body, the vocabulary or a value the outcome may show
     * holds it anyway (then seeing it would prove nothing).
     */
    private static void checkNoRawValueShown(String body, Outcome outcome) {
        BodyTexts texts = BodyTexts.of(body);
        List<String> elsewhere = new ArrayList<>(VOCABULARY);
        elsewhere.addAll(texts.textsBesides(outcome.keyedFields()));
        elsewhere.addAll(outcome.mayShow());
        List<String> rawValues = new ArrayList<>(texts.valuesOf(outcome.keyedFields()));
        rawValues.addAll(outcome.keyedValues());
        for (String raw : rawValues) {
            if (raw.codePointCount(0, raw.length()) >= MIN_LOOKED_FOR_LENGTH && elsewhere.stream().noneMatch(text -> text.contains(raw))) {
                for (String text : outcome.shown()) {
                    assertThat(text).as("a raw value of a masked field (%d chars) is shown", raw.length()).doesNotContain(raw);
                }
            }
        }
    }

    /**
     * The input as UTF-8, except that the three bytes UTF-8 would give a surrogate ({@code ED A0..BF
     * 80..BF}) give that lone surrogate: the reader takes any Java string, and one may hold it (though
     * SQS carries none). Seed files are plain UTF-8.
     */
    private static String text(byte[] input) {
        StringBuilder text = new StringBuilder(input.length);
        int start = 0;
        for (int i = 0; i + 2 < input.length; i++) {
            if ((input[i] & 0xFF) == 0xED && (input[i + 1] & 0xE0) == 0xA0 && (input[i + 2] & 0xC0) == 0x80) {
                text.append(new String(input, start, i - start, StandardCharsets.UTF_8))
                        .append((char) (0xD000 | (input[i + 1] & 0x3F) << 6 | input[i + 2] & 0x3F));
                start = i + 3;
                i += 2;
            }
        }
        return text.append(new String(input, start, input.length - start, StandardCharsets.UTF_8)).toString();
    }

    /** Each stored value is its policy's image of the event's value; a dropped one is not even read into the event. */
    private static void checkRow(Event event, TableRow row) throws UnmaskingException {
        Contract contract = event.contract();
        assertThat(row.contract()).isSameAs(contract);
        List<Column> columns = contract.columns();
        int stored = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = event.value(i);
            if (!column.isStored()) {
                assertThat(value).as(column.name()).isNull();
                continue;
            }
            Object kept = row.values()[stored++];
            MaskDomain domain = column.policy().isKeyed() ? MaskDomain.of(column.maskDomain()) : null;
            if (value == null || domain == null) {
                assertThat(kept).as(column.name()).isEqualTo(value);
            } else if (column.policy() == Policy.MASK) {
                assertThat(KEYSET.fieldMasker().reveal(domain, (String) kept)).as(column.name()).isEqualTo(value);
            } else {
                assertThat(kept).as(column.name()).isEqualTo(KEYSET.hmacMasker().orElseThrow().mask(domain, (String) value));
            }
        }
    }

    private static void checkQuarantine(ParseResult.Rejected rejected, SinkRecord.Quarantine quarantine, String body)
            throws UnmaskingException {
        Rejection rejection = rejected.rejection();
        assertThat(quarantine.cause()).isEqualTo(QuarantineCause.rejected(rejection.stage().code(), rejected.contract(),
                rejection.rule().code(), rejection.field()));
        if (rejection.field() != null) {
            assertThat(rejection.field()).isIn(rejection.rule() == Rule.BAD_ENVELOPE ? ENVELOPE_MEMBERS : FIELD_NAMES);
        }
        if (body.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            // A lone surrogate has no UTF-8 form, so the sealed copy holds '?' in its place; SQS carries none.
            assertThat(KEYSET.bodySealer().open(quarantine.messageId(), quarantine.sealedBody())).isEqualTo(body);
        }
    }

    /** The event's values, as its table stores them before masking: one per stored column. */
    private static Object[] stored(Event event) {
        List<Column> columns = event.contract().columns();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isStored()) {
                values.add(event.value(i));
            }
        }
        return values.toArray();
    }

    /** The texts of the stored values of columns that are not masked. */
    private static List<String> unkeyed(Contract contract, Object[] stored) {
        List<String> texts = new ArrayList<>();
        List<Column> columns = contract.storedColumns();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).policy().isKeyed() && stored[i] != null) {
                texts.add(stored[i].toString());
            }
        }
        return texts;
    }

    private static List<String> keyedValues(Event event) {
        List<String> values = new ArrayList<>();
        List<Column> columns = event.contract().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).policy().isKeyed() && event.value(i) != null) {
                values.add((String) event.value(i));
            }
        }
        return values;
    }

    /** What a message may name without leaking anything: the contracts' names and the delivery's own coordinates. */
    private static List<String> vocabulary() {
        Set<String> words = new HashSet<>(FuzzContracts.names());
        words.addAll(ENVELOPE_MEMBERS);
        words.addAll(List.of(RAW_ID, WRAPPED_ID, MessageReader.SNS_KEY_PREFIX + SNS_ID, SnsEnvelopes.TOPIC_ARN,
                SnsEnvelopes.TIMESTAMP, SENT_AT.toString(), LOADED_AT.toString()));
        return List.copyOf(words);
    }

    private static Set<String> fieldNames() {
        Set<String> names = new HashSet<>(FuzzContracts.fields());
        names.add(MessageReader.MESSAGE_MEMBER);
        return names;
    }

    private static MessageProcessor processorOf(Contracts contracts) {
        try {
            return MessageProcessor.of(contracts, SnsEnvelopeMode.AUTO, KEYSET,
                    Clock.fixed(LOADED_AT, ZoneOffset.UTC), PipelineListener.NONE);
        } catch (KeysetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Captures every event of every logger, ours down to TRACE. */
    @BeforeAll
    static void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.setContext(root.getLoggerContext());
        logs.start();
        root.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.sqspiietl")).setLevel(Level.TRACE);
    }

    @AfterAll
    static void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.sqspiietl")).setLevel(null);
    }
}
