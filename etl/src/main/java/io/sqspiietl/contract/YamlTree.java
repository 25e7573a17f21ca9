package io.sqspiietl.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A contract file as a tree whose every node knows its line, so that a mistake is reported where it
 * is. Only plain YAML is read: mappings with unique keys, sequences and scalars. Anchors, aliases
 * and tags are refused (a contract needs none, and aliases are how a small file becomes a huge
 * tree), as is a file of more than one document. Stateless and thread-safe.
 */
final class YamlTree {
    /** Far more than a contract of a few hundred columns takes. */
    static final int MAX_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 16;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private YamlTree() {
    }

    /** A node of the tree. */
    sealed interface Node permits Scalar, Mapping, Sequence {
        int line();
    }

    /** A scalar: its text, and whether YAML read it as a string, a number, a boolean or null. */
    record Scalar(String text, JsonToken token, int line) implements Node {
    }

    /** A mapping, in the file's order. */
    record Mapping(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
    }

    record Sequence(List<Node> items, int line) implements Node {
    }

    /** Reads {@code text}, the content of {@code origin}, into a tree. */
    static Node parse(String origin, String text) throws ContractException {
        if (text.length() > MAX_CHARS) {
            throw new ContractException(origin + ": longer than " + MAX_CHARS + " characters; not a contract file");
        }
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ContractException(origin + ": the file is empty");
            }
            Node root = node(origin, parser, first, 0);
            if (parser.nextToken() != null) {
                throw ContractException.at(origin, line(parser), "", "more than one YAML document; a contract is one");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw ContractException.at(origin, line, "", "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException impossible) {
            // Parsing a String performs no I/O; the parser merely declares IOException.
            throw new UncheckedIOException(impossible);
        }
    }

    private static Node node(String origin, YAMLParser parser, JsonToken token, int depth) throws IOException, ContractException {
        int line = line(parser);
        if (parser.getObjectId() != null || parser.isCurrentAlias() || parser.getTypeId() != null) {
            throw ContractException.at(origin, line, "", "YAML anchors, aliases and tags are not supported in a contract");
        }
        if (depth > MAX_DEPTH) {
            throw ContractException.at(origin, line, "", "nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> mapping(origin, parser, line, depth);
            case START_ARRAY -> sequence(origin, parser, line, depth);
            default -> new Scalar(parser.getText(), token, line);
        };
    }

    private static Mapping mapping(String origin, YAMLParser parser, int line, int depth) throws IOException, ContractException {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = line(parser);
            if (entries.containsKey(key)) {
                throw ContractException.at(origin, keyLine, key, "repeated; each key may appear once");
            }
            keyLines.put(key, keyLine);
            entries.put(key, node(origin, parser, parser.nextToken(), depth + 1));
        }
        return new Mapping(entries, keyLines, line);
    }

    private static Sequence sequence(String origin, YAMLParser parser, int line, int depth) throws IOException, ContractException {
        List<Node> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(node(origin, parser, token, depth + 1));
        }
        return new Sequence(items, line);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH + 2);
        return options;
    }
}
