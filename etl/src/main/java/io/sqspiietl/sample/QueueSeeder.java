package io.sqspiietl.sample;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends message bodies to a queue in batches of ten. */
public final class QueueSeeder {
    private static final int MAX_BATCH = 10;

    private final SqsClient client;
    private final String queueUrl;

    public QueueSeeder(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    /**
     * Sends every body; fails if SQS refuses any of them.
     *
     * @return the number of messages sent
     */
    public int send(List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(MAX_BATCH);
            for (int i = from; i < Math.min(bodies.size(), from + MAX_BATCH); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i - from)).messageBody(bodies.get(i)).build());
            }
            SendMessageBatchResponse response = client.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " of " + entries.size()
                        + " messages were refused by SQS: " + response.failed().get(0).code());
            }
        }
        return bodies.size();
    }
}
