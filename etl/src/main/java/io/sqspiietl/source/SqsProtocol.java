package io.sqspiietl.source;

import java.util.Locale;

/**
 * The wire protocol spoken to SQS. Real AWS SQS, LocalStack >= 3 and ElasticMQ >= 1.4 understand both;
 * LocalStack images older than 3.0 (such as the take-home image) understand only {@link #QUERY}.
 */
public enum SqsProtocol {
    /** Start with {@link #JSON}; switch to {@link #QUERY} for good once the endpoint shows it is legacy-only. */
    AUTO,
    /** The AWS JSON 1.0 protocol, as the current AWS SDK speaks it. */
    JSON,
    /** The legacy query protocol: form-encoded requests, XML responses. */
    QUERY;

    /**
     * The protocol of the given name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values, if {@code name} is none of them
     */
    public static SqsProtocol fromName(String name) {
        for (SqsProtocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(name)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("must be one of auto, json, query, was " + name);
    }

    /** The lower-case name used on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
