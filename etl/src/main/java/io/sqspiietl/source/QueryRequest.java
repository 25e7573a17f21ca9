package io.sqspiietl.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one SQS query-protocol call, encoded as an {@code application/x-www-form-urlencoded}
 * body. Lists use the protocol's 1-based flattening ({@code AttributeName.1}, and for batch entries
 * {@code DeleteMessageBatchRequestEntry.1.Id}). Not thread-safe; build, encode, discard.
 */
final class QueryRequest {
    /** The SQS API version every query call names; the last one, and the one legacy endpoints know. */
    static final String API_VERSION = "2012-11-05";

    private final String action;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private QueryRequest(String action) {
        this.action = action;
        parameters.put("Action", action);
        parameters.put("Version", API_VERSION);
    }

    /** A request for the given action, e.g. {@code ReceiveMessage}. */
    static QueryRequest of(String action) {
        return new QueryRequest(action);
    }

    String action() {
        return action;
    }

    /** Adds a parameter; a {@code null} value is left out, as the SDK leaves out unset fields. */
    QueryRequest with(String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
        return this;
    }

    /** Adds {@code name.1}, {@code name.2}, ... for the values. */
    QueryRequest withList(String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            with(name + "." + (i + 1), values.get(i));
        }
        return this;
    }

    /** Adds field {@code field} of the batch entry at 0-based {@code index}: {@code prefix.(index+1).field}. */
    QueryRequest withEntry(String prefix, int index, String field, Object value) {
        return with(prefix + "." + (index + 1) + "." + field, value);
    }

    /** The form-encoded body, parameters in the order they were added. */
    String encode() {
        StringBuilder body = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    /** Names only: values may be message bodies, which must never reach a log or an exception. */
    @Override
    public String toString() {
        return "QueryRequest[" + action + " " + parameters.keySet() + "]";
    }
}
