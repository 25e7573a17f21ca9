package io.sqspiietl.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** {@link MessageSource} over an AWS SDK v2 {@link SqsClient}, whichever wire protocol it speaks. Thread-safe. */
public final class SqsMessageSource implements MessageSource {
    /** SQS's longest long poll; {@link SqsSettings#MAX_IDLE} relies on it. */
    static final int MAX_WAIT_SECONDS = 20;
    /** SQS's upper bound for a visibility timeout: 12 hours. */
    private static final int MAX_VISIBILITY_SECONDS = 43_200;
    private static final Logger LOG = LoggerFactory.getLogger(SqsMessageSource.class);

    private final SqsClient client;
    private final String queueUrl;
    /** FIFO queues take a ReceiveRequestAttemptId; standard queues have no use for it. */
    private final boolean fifo;

    public SqsMessageSource(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    @Override
    public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
        int waitSeconds = (int) Math.min(MAX_WAIT_SECONDS, Math.max(0, wait.toSeconds()));
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(SqsBatches.MAX_ENTRIES)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        if (fifo) {
            request.receiveRequestAttemptId(attemptId);
        }
        try {
            List<Message> messages = client.receiveMessage(request.build()).messages();
            List<QueueMessage> received = new ArrayList<>(messages.size());
            for (Message message : messages) {
                received.add(toQueueMessage(message));
            }
            return received;
        } catch (SdkException e) {
            throw SqsFailures.classify("receive", e);
        }
    }

    @Override
    public DeleteResult delete(List<QueueMessage> messages) throws SourceException {
        int deleted = 0;
        List<QueueMessage> retryable = new ArrayList<>();
        for (List<QueueMessage> chunk : SqsBatches.chunks(messages)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = client.deleteMessageBatch(request -> request
                        .queueUrl(queueUrl).entries(entries));
                deleted += response.successful().size();
                retryable.addAll(retryable(chunk, response.failed(), "deletes"));
            } catch (SdkException e) {
                throw SqsFailures.classify("delete", e);
            }
        }
        return new DeleteResult(deleted, retryable);
    }

    @Override
    public void changeVisibility(List<QueueMessage> messages, Duration timeout) throws SourceException {
        int seconds = (int) Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, timeout.toSeconds()));
        for (List<QueueMessage> chunk : SqsBatches.chunks(messages)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            try {
                List<BatchResultErrorEntry> failed = client.changeMessageVisibilityBatch(request -> request
                        .queueUrl(queueUrl).entries(entries)).failed();
                retryable(chunk, failed, "visibility changes");
            } catch (SdkException e) {
                throw SqsFailures.classify("change visibility", e);
            }
        }
    }

    /**
     * The messages of {@code chunk} whose entry failed on the queue's side; entries refused for the
     * sender's fault (an expired receipt handle) cannot succeed later and are only counted in a warning.
     */
    private static List<QueueMessage> retryable(List<QueueMessage> chunk, List<BatchResultErrorEntry> failed,
                                                String what) {
        List<QueueMessage> retryable = new ArrayList<>();
        int refused = 0;
        for (BatchResultErrorEntry failure : failed) {
            if (Boolean.TRUE.equals(failure.senderFault())) {
                refused++;
            } else {
                retryable.add(chunk.get(Integer.parseInt(failure.id())));
            }
        }
        if (refused > 0) {
            LOG.warn("{} of {} {} were refused by SQS (receipt handle expired?); those messages will be "
                    + "redelivered and skipped by the ledger", refused, chunk.size(), what);
        }
        return retryable;
    }

    @Override
    public QueueBacklog backlog() throws SourceException {
        try {
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(request -> request
                    .queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
            return new QueueBacklog(
                    count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                    count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        } catch (SdkException e) {
            throw SqsFailures.classify("read queue attributes", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static QueueMessage toQueueMessage(Message message) {
        Map<MessageSystemAttributeName, String> attributes = message.attributes();
        return QueueMessage.of(message.messageId(), message.receiptHandle(), message.body(),
                attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP),
                attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }
}
