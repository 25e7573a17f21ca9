package io.sqspiietl.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * An {@link SqsClient} that speaks the legacy query protocol, for endpoints that know no other (LocalStack
 * before 3.0). It implements the six calls this tool makes, with the request fields the tool sets:
 * GetQueueUrl, GetQueueAttributes, ReceiveMessage (with system attributes, wait, visibility and attempt id),
 * DeleteMessageBatch, ChangeMessageVisibilityBatch and SendMessageBatch (id, body, delay). Every other
 * operation throws {@link UnsupportedOperationException}, as the SDK interface's defaults do.
 *
 * <p>Being an {@code SqsClient}, it slots in under {@link SqsMessageSource} and the seeder unchanged:
 * batching, retries and failure classification are shared by both protocols. Thread-safe.
 */
final class QuerySqsClient implements SqsClient {
    private final QueryTransport transport;

    QuerySqsClient(QueryTransport transport) {
        this.transport = transport;
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        XmlElement result = transport.call(QueryRequest.of("GetQueueUrl")
                .with("QueueName", request.queueName())
                .with("QueueOwnerAWSAccountId", request.queueOwnerAWSAccountId()));
        return GetQueueUrlResponse.builder().queueUrl(result.childText("QueueUrl")).build();
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        XmlElement result = transport.call(QueryRequest.of("GetQueueAttributes")
                .with("QueueUrl", request.queueUrl())
                .withList("AttributeName", request.attributeNamesAsStrings()));
        return GetQueueAttributesResponse.builder().attributesWithStrings(attributes(result)).build();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        // The legacy name for system attributes is AttributeName.N, which every query endpoint knows.
        List<String> attributeNames = new ArrayList<>(request.messageSystemAttributeNamesAsStrings());
        attributeNames.addAll(request.attributeNamesAsStrings());
        XmlElement result = transport.call(QueryRequest.of("ReceiveMessage")
                .with("QueueUrl", request.queueUrl())
                .with("MaxNumberOfMessages", request.maxNumberOfMessages())
                .with("WaitTimeSeconds", request.waitTimeSeconds())
                .with("VisibilityTimeout", request.visibilityTimeout())
                .with("ReceiveRequestAttemptId", request.receiveRequestAttemptId())
                .withList("AttributeName", attributeNames));
        List<Message> messages = new ArrayList<>();
        for (XmlElement message : result.children("Message")) {
            messages.add(Message.builder()
                    .messageId(message.childText("MessageId"))
                    .receiptHandle(message.childText("ReceiptHandle"))
                    .md5OfBody(message.childText("MD5OfBody"))
                    .body(message.childText("Body"))
                    .attributesWithStrings(attributes(message))
                    .build());
        }
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        XmlElement result = callBatch("DeleteMessageBatch", request.queueUrl(), request.entries(), (entry, field) -> {
            field.accept("Id", entry.id());
            field.accept("ReceiptHandle", entry.receiptHandle());
        });
        return DeleteMessageBatchResponse.builder()
                .successful(resultEntries(result, "DeleteMessageBatchResultEntry",
                        entry -> DeleteMessageBatchResultEntry.builder().id(entry.childText("Id")).build()))
                .failed(failures(result)).build();
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
        XmlElement result = callBatch("ChangeMessageVisibilityBatch", request.queueUrl(), request.entries(),
                (entry, field) -> {
                    field.accept("Id", entry.id());
                    field.accept("ReceiptHandle", entry.receiptHandle());
                    field.accept("VisibilityTimeout", entry.visibilityTimeout());
                });
        return ChangeMessageVisibilityBatchResponse.builder()
                .successful(resultEntries(result, "ChangeMessageVisibilityBatchResultEntry",
                        entry -> ChangeMessageVisibilityBatchResultEntry.builder().id(entry.childText("Id")).build()))
                .failed(failures(result)).build();
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        XmlElement result = callBatch("SendMessageBatch", request.queueUrl(), request.entries(), (entry, field) -> {
            field.accept("Id", entry.id());
            field.accept("MessageBody", entry.messageBody());
            field.accept("DelaySeconds", entry.delaySeconds());
        });
        return SendMessageBatchResponse.builder()
                .successful(resultEntries(result, "SendMessageBatchResultEntry",
                        entry -> SendMessageBatchResultEntry.builder().id(entry.childText("Id"))
                                .messageId(entry.childText("MessageId"))
                                .md5OfMessageBody(entry.childText("MD5OfMessageBody")).build()))
                .failed(failures(result)).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        transport.close();
    }

    /**
     * Calls a batch action, flattening each entry's fields to {@code <Action>RequestEntry.N.Field}.
     *
     * @param fields writes one entry's fields, in order, to the given sink; {@code null} values are left out
     */
    private <E> XmlElement callBatch(String action, String queueUrl, List<E> entries,
                                     BiConsumer<E, BiConsumer<String, Object>> fields) {
        String prefix = action + "RequestEntry";
        QueryRequest query = QueryRequest.of(action).with("QueueUrl", queueUrl);
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            fields.accept(entries.get(i), (name, value) -> query.withEntry(prefix, index, name, value));
        }
        return transport.call(query);
    }

    /** {@code <Attribute><Name>..</Name><Value>..</Value></Attribute>} children as a map. */
    static Map<String, String> attributes(XmlElement parent) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (XmlElement attribute : parent.children("Attribute")) {
            attributes.put(attribute.childText("Name"), attribute.childText("Value"));
        }
        return attributes;
    }

    private static <T> List<T> resultEntries(XmlElement result, String entryName, Function<XmlElement, T> mapper) {
        return result.children(entryName).stream().map(mapper).toList();
    }

    /** {@code <BatchResultErrorEntry>} children: the entries SQS refused, and whose side the fault is on. */
    static List<BatchResultErrorEntry> failures(XmlElement result) {
        return resultEntries(result, "BatchResultErrorEntry", entry -> BatchResultErrorEntry.builder()
                .id(entry.childText("Id"))
                .code(entry.childText("Code"))
                .senderFault(Boolean.parseBoolean(entry.childText("SenderFault")))
                .build());
    }
}
