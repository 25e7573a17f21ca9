package io.sqspiietl.sample;

import io.sqspiietl.source.SqsBatches;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends message bodies to a queue in batches of ten. */
public final class QueueSeeder {
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
        for (List<String> chunk : SqsBatches.chunks(bodies)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(chunk.get(i)).build());
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
