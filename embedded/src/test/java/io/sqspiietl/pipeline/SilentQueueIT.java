package io.sqspiietl.pipeline;

import static io.sqspiietl.testing.SyntheticLoad.assertLoadedExactlyOnce;
import static io.sqspiietl.testing.SyntheticLoad.awaitRows;
import static io.sqspiietl.testing.SyntheticLoad.seededQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The queue's connections go silent in the middle of a drain (no FIN, no RST; new connections work):
 * every SQS call in flight then hangs, the long polls, the deletes and the visibility extensions, and
 * so does any call handed a connection that sat idle in the pool. Each attempt gives up after the
 * README's 30 s and the SDK retries it on a connection that works; a message whose receipt handle
 * expired meanwhile comes back and the ledger skips it. The drain ends with every message loaded once
 * and the queue empty, in both wire protocols, within {@link #SILENCE_BOUND} of the same drain without
 * the fault.
 */
class SilentQueueIT {
    /**
     * Half of {@link SilentDatabaseIT}'s drain: each protocol drains twice (with and without the
     * silence), and the fault costs about 30 s whatever the size, so this keeps the class near 90 s.
     */
    private static final int MESSAGES = 10_000;
    /**
     * The README's bound on what a silence costs an SQS call: 30 s for the attempt it hangs, plus 5 s.
     * The pool hands out a connection that sat idle at the silence (and went silent with it) for at
     * most 5 s after, so a call that starts then can meet one and fail over at most 5 + 30 s after the
     * silence; the calls under way at the silence fail over after 30 s, never onto such a connection.
     */
    private static final Duration SILENCE_BOUND = Duration.ofSeconds(35);
    /** Reconnecting and catching up on a shared 2-core machine. */
    private static final Duration RECOVERY_MARGIN = Duration.ofSeconds(15);

    private final MaskingKeyset keyset = MaskingKeyset.generate();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SqsProtocol.class, names = {"JSON", "QUERY"})
    void aDrainWhoseQueueConnectionsGoSilentLoadsEveryMessageOnceWithinTheBound(SqsProtocol protocol) throws Exception {
        Duration undisturbed = drain(protocol, false);
        Duration silenced = drain(protocol, true);

        System.out.printf("silent queue connections (%s): drain of %,d messages %.1f s with the silence, %.1f s without%n",
                protocol, MESSAGES, silenced.toMillis() / 1000.0, undisturbed.toMillis() / 1000.0);
        assertThat(silenced).isLessThan(undisturbed.plus(SILENCE_BOUND).plus(RECOVERY_MARGIN));
    }

    /** One drain through a relay in front of ElasticMQ, silenced when a tenth of the rows are in; returns its time. */
    private Duration drain(SqsProtocol protocol, boolean silence) throws Exception {
        String queueUrl = seededQueue(MESSAGES, Map.of());
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        RunSummary summary;
        long start = System.nanoTime();
        try (TcpRelay relay = TcpRelay.start(TestServices.sqs().endpoint(), Duration.ZERO)) {
            SqsSettings throughRelay = new SqsSettings(Region.US_EAST_1, relay.endpoint(), queueUrl, null,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                    PipelineSettings.defaults(true).sqsConnections(), protocol);
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
                try (Loader loader = TestLoaders.open(throughRelay, new DatabaseSettings(jdbcUrl, null, null), keyset,
                        PipelineSettings.defaults(true), Clock.systemUTC())) {
                    return loader.run();
                } catch (PipelineException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (silence) {
                awaitRows(jdbcUrl, MESSAGES / 10);
                int connectionsBefore = relay.connectionsAccepted();
                relay.silence();
                summary = run.get(3, TimeUnit.MINUTES);
                assertThat(relay.connectionsAccepted()).as("connected again").isGreaterThan(connectionsBefore);
            } else {
                summary = run.get(3, TimeUnit.MINUTES);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Copies of messages whose delete or visibility extension hung come again: the ledger skips them.
        assertThat(summary.loaded() + summary.quarantined()).as(summary.toString()).isEqualTo(MESSAGES);
        assertThat(summary.received()).isEqualTo(MESSAGES + summary.redelivered());
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, MESSAGES);
        return took;
    }
}
