package io.sqspiietl.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** SNS notification envelopes as SNS writes them, member by member, so that a test can break one. */
final class SnsEnvelopes {
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:logins";
    static final String TIMESTAMP = "2024-03-01T23:59:59.999Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnsEnvelopes() {
    }

    /** The members of a valid notification of {@code message}, in SNS's order; a mutable map. */
    static Map<String, Object> notification(String messageId, String message) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("Type", "Notification");
        members.put("MessageId", messageId);
        members.put("TopicArn", TOPIC_ARN);
        members.put("Message", message);
        members.put("Timestamp", TIMESTAMP);
        members.put("SignatureVersion", "1");
        members.put("Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858f=");
        members.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem");
        members.put("UnsubscribeURL",
                "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC_ARN + ":1");
        return members;
    }

    /** A valid notification of {@code message}. */
    static String envelope(String messageId, String message) {
        return json(notification(messageId, message));
    }

    static String json(Map<String, Object> members) {
        try {
            return JSON.writeValueAsString(members);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
