package io.sqspiietl.lambda;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CloudFormation or SAM template in YAML, read as the JSON form CloudFormation gives it: the short
 * forms of the intrinsic functions become their long forms ({@code !Ref Queue} is {@code {"Ref": "Queue"}},
 * {@code !GetAtt Queue.Arn} is {@code {"Fn::GetAtt": ["Queue", "Arn"]}}, {@code !Sub "..."} is
 * {@code {"Fn::Sub": "..."}}), so that a test can tell a reference from a literal.
 */
final class CloudFormationYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    static JsonNode read(Path template) throws IOException {
        try (YAMLParser parser = (YAMLParser) new YAMLFactory().createParser(template.toFile())) {
            parser.nextToken();
            return value(parser);
        }
    }

    /** The value at the parser's current token, its tag applied. */
    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
        return tag == null ? value : intrinsic(tag, value);
    }

    private static ObjectNode object(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, value(parser));
        }
        return object;
    }

    private static ArrayNode array(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }

    private static JsonNode intrinsic(String tag, JsonNode value) {
        String function = tag.replaceFirst("^!", "");
        if (function.equals("Ref")) {
            return NODES.objectNode().set("Ref", value);
        }
        if (function.equals("GetAtt") && value.isTextual()) {
            List<String> parts = List.of(value.asText().split("\\.", 2));
            ArrayNode arguments = NODES.arrayNode();
            parts.forEach(arguments::add);
            return NODES.objectNode().set("Fn::GetAtt", arguments);
        }
        return NODES.objectNode().set("Fn::" + function, value);
    }
}
