package io.sqspiietl.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The anchor of the launch-to-exit benchmark: a process that does nothing but drain a queue, as the
 * simplest script would, with generous concurrency. Each of its threads receives ten messages with a
 * short poll, deletes them with one DeleteMessageBatch, and stops at its first empty receive (which
 * on ElasticMQ, whose counts are exact, means the queue is empty); the process exits when all have.
 *
 * <p>{@code java -cp sqs-pii-etl-all.jar io.sqspiietl.bench.RawDrainMain ENDPOINT QUEUE_URL THREADS}
 */
public final class RawDrainMain {
    private RawDrainMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI endpoint = URI.create(args[0]);
        String queueUrl = args[1];
        int threads = Integer.parseInt(args[2]);
        AtomicLong deleted = new AtomicLong();
        try (SqsClient client = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(threads)).build()) {
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                workers.execute(() -> drain(client, queueUrl, deleted));
            }
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.HOURS);
        }
        System.out.println("deleted=" + deleted.get());
    }

    private static void drain(SqsClient client, String queueUrl, AtomicLong deleted) {
        while (true) {
            List<Message> messages = client.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> entries = messages.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            deleted.addAndGet(client.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
                    .successful().size());
        }
    }
}
