package io.sqspiietl.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.DupDetector;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses a body as one JSON object and flattens it: a nested key joins its parents with {@code _}
 * ({@code {"device": {"type": "ios"}}} gives {@code device_type}). Values under {@link KeyIndex
 * known keys} are kept; every other leaf (a scalar or an array; an empty object has none) is only
 * counted.
 *
 * <p>Streams the body with one shared {@link JsonFactory} and builds no tree, so a message costs one
 * small {@link FlatMessage} plus the mapped values. Thread-safe: the factory is, and nothing else is
 * shared.
 *
 * <p>Failures are told apart by type, never by message text: the parser's {@link
 * StreamConstraintsException} is a limit, any other of its exceptions a syntax error. A repeated key
 * would be a syntax error to Jackson (its strict duplicate detection throws the same {@link
 * com.fasterxml.jackson.core.JsonParseException} as a stray comma), so the walk below looks for
 * repeated keys itself, with Jackson's own {@link DupDetector}, at the point where the parser would
 * have: as each key is read, in every object of the body, skipped ones included.
 */
final class Flattener {

    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1_048_576;

    private final KeyIndex keys;
    private final JsonFactory factory = JsonFactory.builder()
            // Jackson exception messages must never quote the body, even though we do not log them.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Key names are sender-controlled: interning them would let senders grow the JVM string table.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .build();

    Flattener(KeyIndex keys) {
        this.keys = keys;
    }

    /**
     * Flattens {@code body}, which must be a complete JSON object and nothing else.
     *
     * <p>The whole body is parsed before any structural rule is applied, so a syntax error anywhere
     * wins over a non-object root or a duplicate field.
     *
     * @throws RejectedMessageException for {@link Rule#NOT_JSON}, {@link Rule#DUPLICATE_KEY} or
     *     {@link Rule#LIMIT_EXCEEDED} (whichever the parser meets first), then {@link
     *     Rule#NOT_AN_OBJECT}; two keys that flatten alike are for the contract to refuse, since only
     *     the keys it reads matter
     */
    FlatMessage flatten(String body) throws RejectedMessageException {
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    skipCountingLeaves(parser, root);
                    requireEndOfInput(parser);
                }
                throw RejectedMessageException.wholeBody(Rule.NOT_AN_OBJECT);
            }
            FlatMessage message = new FlatMessage(keys.size());
            readObject(parser, null, message);
            requireEndOfInput(parser);
            return message;
        } catch (StreamConstraintsException tooBig) {
            throw RejectedMessageException.wholeBody(Rule.LIMIT_EXCEEDED);
        } catch (JsonProcessingException malformed) {
            // Every other failure of the parser (a StreamReadException) is bad syntax or an early end.
            throw RejectedMessageException.wholeBody(Rule.NOT_JSON);
        } catch (IOException impossible) {
            // Parsing a String performs no I/O; JsonParser merely declares IOException.
            throw new UncheckedIOException(impossible);
        }
    }

    /**
     * Reads the members of the object whose start the parser has just read, up to its end.
     * Recursion is bounded: the parser refuses nesting deeper than {@link #MAX_NESTING_DEPTH}.
     *
     * @param prefix the flattened key of this object, or null for the root
     */
    private void readObject(JsonParser parser, String prefix, FlatMessage into)
            throws IOException, RejectedMessageException {
        DupDetector seen = DupDetector.rootDetector(parser);
        while (nextKey(parser, seen)) {
            String key = prefix == null ? parser.currentName() : prefix + '_' + parser.currentName();
            JsonToken value = parser.nextToken();
            int known = keys.indexOf(key);
            if (known >= 0) {
                into.put(known, readValue(parser, value));
            } else if (value == JsonToken.START_OBJECT && keys.isPrefix(key)) {
                readObject(parser, key, into);
            } else {
                into.addUnknownFields(skipCountingLeaves(parser, value));
            }
        }
    }

    private static FieldValue readValue(JsonParser parser, JsonToken token) throws IOException, RejectedMessageException {
        return switch (token) {
            case START_OBJECT, START_ARRAY -> {
                skipCountingLeaves(parser, token);
                yield FieldValue.CONTAINER;
            }
            case VALUE_NULL -> FieldValue.NULL;
            // For numbers Jackson returns the text as written, so 2.30 is not rounded to 2.3.
            default -> FieldValue.scalar(parser.getText());
        };
    }

    /**
     * Skips the value starting at {@code token} and returns how many flattened leaves it has: an
     * object's leaves are its members' leaves, anything else is one leaf. An array is not flattened,
     * but the keys of the objects in it are checked all the same. Recursion is bounded like
     * {@link #readObject}'s.
     */
    private static int skipCountingLeaves(JsonParser parser, JsonToken token) throws IOException, RejectedMessageException {
        if (token == JsonToken.START_OBJECT) {
            DupDetector keys = DupDetector.rootDetector(parser);
            int leaves = 0;
            while (nextKey(parser, keys)) {
                leaves += skipCountingLeaves(parser, parser.nextToken());
            }
            return leaves;
        }
        if (token == JsonToken.START_ARRAY) {
            // The parser fails on an unclosed array rather than return null; the check only bounds the loop.
            for (JsonToken element = parser.nextToken(); element != null && element != JsonToken.END_ARRAY;
                    element = parser.nextToken()) {
                skipCountingLeaves(parser, element);
            }
        }
        return 1;
    }

    /**
     * Advances to the next key of the object being read, refusing a key the object had already.
     *
     * @return true at a key, false at the end of the object
     */
    private static boolean nextKey(JsonParser parser, DupDetector keys) throws IOException, RejectedMessageException {
        JsonToken token;
        try {
            token = parser.nextToken();
        } catch (JsonProcessingException malformed) {
            // Jackson reads a key, its colon and the start of its value in one step. A key read in the
            // step that failed comes before the failure in the text, so a repeat of it wins.
            if (parser.currentToken() == JsonToken.FIELD_NAME && keys.isDup(parser.currentName())) {
                throw RejectedMessageException.wholeBody(Rule.DUPLICATE_KEY);
            }
            throw malformed;
        }
        if (token != JsonToken.FIELD_NAME) {
            return false;
        }
        if (keys.isDup(parser.currentName())) {
            throw RejectedMessageException.wholeBody(Rule.DUPLICATE_KEY);
        }
        return true;
    }

    /** Refuses anything after the root value but whitespace, which Jackson would otherwise leave unread. */
    private static void requireEndOfInput(JsonParser parser) throws IOException, RejectedMessageException {
        if (parser.nextToken() != null) {
            throw RejectedMessageException.wholeBody(Rule.NOT_JSON);
        }
    }
}
