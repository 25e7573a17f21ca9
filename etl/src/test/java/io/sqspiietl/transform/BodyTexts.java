package io.sqspiietl.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Every text a body holds, read independently of the code under test, so that a fuzz test can tell
 * which raw values a message gives a field and look for them where they must not be. It walks the
 * JSON as far as it is well-formed (a truncated body still gives what precedes the break), flattens
 * nested keys with {@code _} as the contract does, treats everything inside an array as no field, and
 * reads the event inside a top-level SNS {@code Message} string too. Duplicate keys are all kept.
 */
final class BodyTexts {
    private static final JsonFactory JSON = new JsonFactory();

    /** A field value, by its flattened key. */
    record Field(String key, String text) {
    }

    private final List<Field> fields = new ArrayList<>();
    /** Keys and the content of arrays: text that is no field's value. */
    private final List<String> others = new ArrayList<>();

    private BodyTexts() {
    }

    static BodyTexts of(String body) {
        BodyTexts texts = new BodyTexts();
        texts.walk(body, true);
        return texts;
    }

    /** The raw values of {@code keys}, as sent and trimmed (an {@code ip} is masked trimmed). */
    List<String> valuesOf(Set<String> keys) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (keys.contains(field.key())) {
                values.add(field.text());
                values.add(field.text().strip());
            }
        }
        return values;
    }

    /** Every text but the values of {@code keys}: where a raw value of theirs may appear without a leak. */
    List<String> textsBesides(Set<String> keys) {
        List<String> texts = new ArrayList<>(others);
        for (Field field : fields) {
            if (!keys.contains(field.key())) {
                texts.add(field.text());
            }
        }
        return texts;
    }

    private void walk(String json, boolean top) {
        Deque<String> prefixes = new ArrayDeque<>();
        int arrays = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT -> prefixes.push(prefixes.isEmpty() || arrays > 0 ? "" : key(parser, prefixes));
                    case END_OBJECT -> prefixes.pop();
                    case START_ARRAY -> arrays++;
                    case END_ARRAY -> arrays--;
                    case FIELD_NAME -> others.add(parser.currentName());
                    default -> value(parser, prefixes, arrays > 0, top);
                }
            }
        } catch (IOException | RuntimeException malformed) {
            // What precedes the break has been read; a sender's value may stand there too.
        }
    }

    private void value(JsonParser parser, Deque<String> prefixes, boolean inArray, boolean top) throws IOException {
        String text = parser.getText();
        if (inArray || prefixes.isEmpty()) {
            others.add(text);
            return;
        }
        String key = key(parser, prefixes);
        fields.add(new Field(key, text));
        if (top && prefixes.size() == 1 && key.equals(SnsEnvelopeReader.MESSAGE) && parser.currentToken() == JsonToken.VALUE_STRING) {
            walk(text, false);
        }
    }

    /** The flattened key of the current value or object. */
    private static String key(JsonParser parser, Deque<String> prefixes) throws IOException {
        String prefix = prefixes.peek();
        String name = parser.currentName();
        return prefix.isEmpty() ? name : prefix + "_" + name;
    }
}
