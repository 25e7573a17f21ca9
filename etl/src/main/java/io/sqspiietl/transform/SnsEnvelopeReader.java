package io.sqspiietl.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Recognises an SNS envelope and reads its {@code Notification}; {@link MessageReader} states the
 * rules. Thread-safe: the JSON factory is, and nothing else is shared.
 */
final class SnsEnvelopeReader {

    static final String TYPE = "Type";
    static final String MESSAGE_ID = "MessageId";
    static final String TOPIC_ARN = "TopicArn";
    static final String TIMESTAMP = "Timestamp";
    static final String MESSAGE = "Message";
    /** The ledger's {@code varchar(128)} less the four characters of {@link MessageReader#SNS_KEY_PREFIX}. */
    static final int MAX_MESSAGE_ID_LENGTH = 124;

    private static final Set<String> MEMBERS = Set.of(TYPE, MESSAGE_ID, TOPIC_ARN, TIMESTAMP, MESSAGE);
    private static final String NOTIFICATION = "Notification";
    /** Every envelope holds this text; a raw event almost never does, and looking for it costs next to nothing. */
    private static final String DETECTION_MARK = '"' + TOPIC_ARN + '"';

    /**
     * Configured as {@link Flattener}'s, but without strict duplicate detection: it would fail on a
     * repeated key before the {@code TopicArn} that makes the body an envelope is seen, so repeats are
     * counted by hand, at the top level.
     */
    private final JsonFactory factory = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Flattener.MAX_NESTING_DEPTH)
                    .maxNumberLength(Flattener.MAX_NUMBER_LENGTH)
                    .maxStringLength(EventParser.MAX_BODY_CHARS)
                    .build())
            .build();

    /**
     * What one body holds at its top level: each of {@link #MEMBERS} present, mapped to its content when
     * it is a JSON string and to null otherwise; and whether any key repeats (which refuses the envelope
     * before any member is looked at).
     */
    private record Scan(Map<String, String> members, boolean keyRepeated) {
        /** Shows the member names only: {@code Message} is personal data. */
        @Override
        public String toString() {
            return "Scan[members=" + members.keySet() + ", keyRepeated=" + keyRepeated + "]";
        }
    }

    /**
     * Reads {@code body} as an SNS envelope.
     *
     * @return the notification, or null when {@code body} is no envelope and so is the event itself
     * @throws RejectedMessageException with {@link Rule#BAD_ENVELOPE} when it is an envelope but not a
     *     usable notification
     */
    SnsNotification read(String body) throws RejectedMessageException {
        if (!body.contains(DETECTION_MARK)) {
            return null;
        }
        Scan scan = scan(body);
        if (scan == null || !scan.members().containsKey(TOPIC_ARN)) {
            return null;
        }
        if (scan.keyRepeated()) {
            throw RejectedMessageException.badEnvelope(null);
        }
        if (!NOTIFICATION.equals(string(scan, TYPE))) {
            throw RejectedMessageException.badEnvelope(TYPE);
        }
        String messageId = string(scan, MESSAGE_ID);
        if (messageId == null || !isUsableMessageId(messageId)) {
            throw RejectedMessageException.badEnvelope(MESSAGE_ID);
        }
        String topicArn = string(scan, TOPIC_ARN);
        if (topicArn == null) {
            throw RejectedMessageException.badEnvelope(TOPIC_ARN);
        }
        Instant publishedAt = instant(string(scan, TIMESTAMP));
        if (publishedAt == null) {
            throw RejectedMessageException.badEnvelope(TIMESTAMP);
        }
        String message = string(scan, MESSAGE);
        if (message == null) {
            throw RejectedMessageException.badEnvelope(MESSAGE);
        }
        return new SnsNotification(messageId, topicArn, message, publishedAt);
    }

    /** The top-level members of a body that is one JSON object, or null when it is anything else. */
    private Scan scan(String body) {
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> members = new HashMap<>();
            Set<String> names = new HashSet<>();
            boolean keyRepeated = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                keyRepeated |= !names.add(name);
                if (MEMBERS.contains(name)) {
                    members.put(name, value == JsonToken.VALUE_STRING ? parser.getText() : null);
                }
                parser.skipChildren();
            }
            return parser.nextToken() == null ? new Scan(members, keyRepeated) : null;
        } catch (JsonProcessingException notJson) {
            return null; // not an envelope; the event parser names what is wrong with the body
        } catch (IOException impossible) {
            // Parsing a String performs no I/O; JsonParser merely declares IOException.
            throw new UncheckedIOException(impossible);
        }
    }

    /** The content of member {@code name} when it is a JSON string, else (absent, or of another type) null. */
    private static String string(Scan scan, String name) {
        return scan.members().get(name);
    }

    /** Printable ASCII only: the key goes into the ledger, log lines and the quarantine as it is. */
    private static boolean isUsableMessageId(String messageId) {
        if (messageId.isEmpty() || messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < messageId.length(); i++) {
            char c = messageId.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** An ISO-8601 date-time with offset whose UTC date lies in years 1..9999, or null. */
    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return Times.isInYearRange(instant) ? instant : null;
        } catch (DateTimeParseException notIso) {
            return null;
        }
    }
}
