package io.sqspiietl.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link MessageSource} over an AWS SDK v2 {@link SqsClient}, whichever wire protocol it speaks. Thread-safe. */
public final class SqsMessageSource implements MessageSource {
    /** SQS hands out and deletes at most ten messages per call. */
    static final int MAX_BATCH = 10;
    private static final int MAX_WAIT_SECONDS = 20;
    private static final int DELETE_ATTEMPTS = 3;
    /** SQS's upper bound for a visibility timeout: 12 hours. */
    private static final int MAX_VISIBILITY_SECONDS = 43_200;
    private static final Logger LOG = LoggerFactory.getLogger(SqsMessageSource.class);

    private final SqsClient client;
    private final String queueUrl;

    public SqsMessageSource(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    @Override
    public List<QueueMessage> receive(Duration wait) throws SourceException {
        int waitSeconds = (int) Math.min(MAX_WAIT_SECONDS, Math.max(0, wait.toSeconds()));
        try {
            List<Message> messages = client.receiveMessage(request -> request
                    .queueUrl(queueUrl)
                    .maxNumberOfMessages(MAX_BATCH)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
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
    public int delete(List<QueueMessage> messages) throws SourceException {
        int deleted = 0;
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            deleted += deleteChunk(messages.subList(from, Math.min(messages.size(), from + MAX_BATCH)));
        }
        return deleted;
    }

    /** Deletes up to ten messages, retrying the entries SQS failed on its side. */
    private int deleteChunk(List<QueueMessage> chunk) throws SourceException {
        List<DeleteMessageBatchRequestEntry> pending = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            pending.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
        }
        int deleted = 0;
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<DeleteMessageBatchRequestEntry> entries = pending;
            DeleteMessageBatchResponse response;
            try {
                response = client.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                throw SqsFailures.classify("delete", e);
            }
            deleted += response.successful().size();
            List<DeleteMessageBatchRequestEntry> retry = new ArrayList<>();
            int senderFaults = 0;
            for (var failure : response.failed()) {
                if (Boolean.TRUE.equals(failure.senderFault())) {
                    senderFaults++; // e.g. an expired receipt handle: retrying cannot help
                } else {
                    entries.stream().filter(e -> e.id().equals(failure.id())).forEach(retry::add);
                }
            }
            if (senderFaults > 0) {
                LOG.warn("{} of {} deletes were refused by SQS; those messages will be redelivered and "
                        + "skipped by the ledger", senderFaults, entries.size());
            }
            pending = retry;
        }
        if (!pending.isEmpty()) {
            LOG.warn("{} deletes still failed after {} attempts; those messages will be redelivered and "
                    + "skipped by the ledger", pending.size(), DELETE_ATTEMPTS);
        }
        return deleted;
    }

    @Override
    public void extendVisibility(List<QueueMessage> messages, Duration timeout) throws SourceException {
        int seconds = (int) Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, timeout.toSeconds()));
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            List<QueueMessage> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            try {
                int failed = client.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(entries))
                        .failed().size();
                if (failed > 0) {
                    LOG.debug("{} of {} visibility extensions failed; those messages may be redelivered",
                            failed, entries.size());
                }
            } catch (SdkException e) {
                throw SqsFailures.classify("change visibility", e);
            }
        }
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
        String sentTimestamp = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sentTimestamp == null) {
            // create_date falls back to SentTimestamp; a wall-clock guess would silently corrupt it.
            throw new IllegalStateException("queue returned message " + message.messageId() + " without SentTimestamp");
        }
        String receiveCount = attributes.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        return new QueueMessage(message.messageId(), message.receiptHandle(), message.body(),
                Instant.ofEpochMilli(Long.parseLong(sentTimestamp)), Integer.parseInt(receiveCount));
    }
}
