package io.sqspiietl.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wraps events in SNS notification envelopes, as an SNS topic delivers them to an SQS subscription
 * without raw message delivery.
 */
public final class SnsEnvelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnsEnvelopes() {
    }

    /** The SQS body SNS sends for a publication of {@code event}. */
    public static String wrap(String snsMessageId, String event, Instant publishedAt) {
        return wrap(snsMessageId, "Notification", event, publishedAt);
    }

    /** As {@link #wrap(String, String, Instant)}, of the given {@code Type}. */
    public static String wrap(String snsMessageId, String type, String event, Instant publishedAt) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("Type", type);
        members.put("MessageId", snsMessageId);
        members.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:logins");
        members.put("Message", event);
        members.put("Timestamp", publishedAt.toString());
        members.put("SignatureVersion", "1");
        members.put("Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6=");
        members.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem");
        try {
            return JSON.writeValueAsString(members);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
