package io.sqspiietl.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SQS events in Lambda's own JSON, as the event source mapping sends them, read into {@link SQSEvent} by
 * Lambda's own serializer (the one its Java runtime uses, through {@code aws-lambda-java-tests}).
 */
public final class SqsEvents {
    public static final String STANDARD_QUEUE = "arn:aws:sqs:us-east-1:123456789012:login-queue";
    public static final String FIFO_QUEUE = "arn:aws:sqs:us-east-1:123456789012:login-queue.fifo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<SQSEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SqsEvents.class.getClassLoader());

    private SqsEvents() {
    }

    /**
     * One message as the mapping delivers it.
     *
     * @param group the MessageGroupId on a FIFO queue, else null
     */
    public record Sent(String messageId, String body, Instant sentAt, int receiveCount, String group) {
        /** A message sent now to a standard queue, delivered for the first time. */
        public static Sent of(String body) {
            return new Sent(UUID.randomUUID().toString(), body, Instant.now(), 1, null);
        }

        /** A message sent now to a FIFO queue in {@code group}, delivered for the first time. */
        public static Sent inGroup(String group, String body) {
            return new Sent(UUID.randomUUID().toString(), body, Instant.now(), 1, group);
        }

        /** The same message delivered once more. */
        public Sent again() {
            return new Sent(messageId, body, sentAt, receiveCount + 1, group);
        }
    }

    /** The event the mapping of {@code queueArn} invokes the function with for {@code messages}. */
    public static SQSEvent event(String queueArn, List<Sent> messages) {
        return fromJson(json(queueArn, messages));
    }

    /** The same, as the JSON text Lambda sends. */
    public static String json(String queueArn, List<Sent> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Sent message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", "AQEB" + UUID.randomUUID());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount", Integer.toString(message.receiveCount()));
            attributes.put("SentTimestamp", Long.toString(message.sentAt().toEpochMilli()));
            attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(message.sentAt().toEpochMilli() + 5));
            if (message.group() != null) {
                attributes.put("MessageGroupId", message.group());
                attributes.put("MessageDeduplicationId", message.messageId());
                attributes.put("SequenceNumber", "18849496460467696128");
            }
            record.putObject("messageAttributes");
            record.put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        return event.toString();
    }

    /** Lambda's JSON of an SQS event, read as its Java runtime reads it. */
    public static SQSEvent fromJson(String json) {
        return SERIALIZER.fromJson(json);
    }

    /** A JSON fixture of this module's test resources, e.g. {@code events/sqs-standard.json}. */
    public static SQSEvent load(String resource) {
        return EventLoader.loadSQSEvent(resource);
    }
}
