package io.sqspiietl.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The example purchase contract and its sample events, as shipped in {@code examples/purchase}. */
final class PurchaseEvents {
    static final Path CONTRACT = Path.of("../examples/purchase/contract.yaml");
    static final Path EVENTS = Path.of("../examples/purchase/events.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PurchaseEvents() {
    }

    /** Every line of the sample: 56 valid purchases, 6 that break one rule each, and a refund. */
    static List<String> lines() {
        try {
            return Files.readAllLines(EVENTS, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's lines that are valid purchases, as trees. */
    static List<JsonNode> validPurchases() {
        return lines().stream().map(PurchaseEvents::tree)
                .filter(event -> event.path("event_type").asText().equals("purchase"))
                .filter(event -> event.path("order").path("id").asText().startsWith("o-1"))
                .toList();
    }

    static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
