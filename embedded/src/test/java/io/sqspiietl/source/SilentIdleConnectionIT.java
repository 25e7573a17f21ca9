package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.TestServices;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A silence takes the pool's idle connections too, not only those in use. A call whose attempt the
 * silence timed out must be retried on a connection that works, not on another pooled one that went
 * silent with it: the silence costs the call one attempt bound, not two. In {@link
 * io.sqspiietl.pipeline.SilentQueueIT} whether some connection happens to sit idle at the silence is
 * chance; here there is exactly one, in both wire protocols.
 */
class SilentIdleConnectionIT {
    /** The call's own time, the retry's backoff and the reconnect, on a shared 2-core machine. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqsProtocol.class, names = {"JSON", "QUERY"})
    void aCallTimedOutBySilenceIsRetriedOnANewConnectionNotOnAnIdleSilentOne(SqsProtocol protocol) throws Exception {
        String queueUrl = TestServices.newQueue();
        try (TcpRelay relay = TcpRelay.start(TestServices.sqs().endpoint(), Duration.ZERO);
             SqsClient client = new SqsSettings(Region.US_EAST_1, relay.endpoint(), queueUrl, null,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), 4, protocol)
                     .createClient()) {
            twoIdleConnections(client, relay, queueUrl);

            relay.silence();
            long start = System.nanoTime();
            client.getQueueAttributes(request -> request.queueUrl(queueUrl));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            System.out.printf("silent idle connection (%s): the call took %.1f s%n", protocol, took.toMillis() / 1000.0);
            assertThat(relay.connectionsAccepted()).as("one new connection after the silence").isEqualTo(3);
            assertThat(took).as("the first attempt hung on the silence, the retry did not")
                    .isBetween(SqsSettings.ATTEMPT_TIMEOUT, SqsSettings.ATTEMPT_TIMEOUT.plus(MARGIN));
        }
    }

    /**
     * Leaves two connections idle in the pool: a long poll holds one while a second call opens the
     * other, then a message ends the poll. The poll's connection, released last, is the one the pool
     * hands out next.
     */
    private static void twoIdleConnections(SqsClient client, TcpRelay relay, String queueUrl) throws Exception {
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> client.receiveMessage(request -> request
                .queueUrl(queueUrl).waitTimeSeconds(20)).messages().size());
        Await.until(Duration.ofSeconds(10), () -> relay.connectionsAccepted() == 1);
        client.getQueueAttributes(request -> request.queueUrl(queueUrl));
        TestServices.sqs().client().sendMessage(request -> request.queueUrl(queueUrl).messageBody("{}"));
        assertThat(poll.get(20, TimeUnit.SECONDS)).as("the poll received the message").isEqualTo(1);
        assertThat(relay.connectionsAccepted()).as("connections before the silence").isEqualTo(2);
    }
}
