package io.sqspiietl.bench;

import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Clients of the benchmark's queue server, and freshly seeded queues on it. */
final class BenchQueues {
    private BenchQueues() {
    }

    /** A JSON-protocol client of the endpoint with the benchmark's dummy credentials. */
    static SqsClient client(URI endpoint, int maxConnections) {
        return new SqsSettings(Region.US_EAST_1, endpoint, null, "unused", credentials(), maxConnections, SqsProtocol.JSON)
                .createClient();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
    }

    /** Creates the queue and fills it with {@code count} synthetic messages; returns its URL. */
    static String seeded(SqsClient admin, String queue, long count) throws Exception {
        String queueUrl = admin.createQueue(request -> request.queueName(queue)).queueUrl();
        ParallelSeeder.seed(admin, queueUrl, count);
        return queueUrl;
    }
}
