package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages of SQS's maximum size, 1 MiB, through a loader with a 256 MiB heap (the test's child JVM):
 * the in-flight budget is counted in bytes, so a flood of them is received a few at a time instead of
 * a thousand at a time, and every message ends loaded or quarantined without running out of memory.
 */
class LargeMessagesIT {
    /** SQS's largest message body, less room for the JSON around the padding. */
    private static final int BODY_CHARS = 1_048_576 - 100;
    /** What the README promises for a 256 MiB heap: the heap, the JVM's own memory, and the budget's slack. */
    private static final long PEAK_RSS_BOUND_MIB = 512;
    /** Twice the slowest run seen on this 2-core machine beside the other integration tests. */
    private static final Duration OUTCOMES_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void aFloodOfMaximumSizeMessagesEndsLoadedOrQuarantinedWithinTheMemoryBound() throws Exception {
        String queueUrl = TestServices.newQueue();
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        Path keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);

        AtomicLong peakRss = new AtomicLong();
        String output;
        // A service, loading while the messages arrive (seeding 1.7 GB takes the queue server as long as
        // loading takes the loader); stopped once every message has its outcome committed.
        try (LoaderProcess loader = LoaderProcess.run("--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
                "--keyset", keyset.toString())) {
            send(queueUrl, 1_500, LargeMessagesIT::notJson);
            send(queueUrl, 200, i -> i % 2 == 0 ? validEvent(i) : notJson(1_500 + i));
            Await.until(OUTCOMES_TIMEOUT, () -> {
                assertThat(loader.isAlive()).as("loader still running").isTrue();
                peakRss.accumulateAndGet(loader.peakRssMegabytes(), Math::max);
                return TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger") >= 1_700;
            });
            peakRss.accumulateAndGet(loader.peakRssMegabytes(), Math::max);
            loader.terminate();
            assertThat(loader.awaitExit(Duration.ofMinutes(1))).as(loader.output()).isZero();
            output = loader.output();
        }

        assertThat(output).doesNotContain("OutOfMemoryError");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(100);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'not_json'"))
                .isEqualTo(1_600);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
        System.out.println("LargeMessagesIT: loader peak RSS " + peakRss + " MiB");
        assertThat(peakRss.get()).as("peak RSS in MiB").isBetween(1L, PEAK_RSS_BOUND_MIB);
    }

    private static String notJson(int i) {
        String prefix = "not json " + i + " ";
        return prefix + "x".repeat(BODY_CHARS - prefix.length());
    }

    private static String validEvent(int i) {
        return "{\"user_id\": \"large-" + i + "\", \"ip\": \"10.1.2.3\", \"padding\": \"" + "p".repeat(BODY_CHARS - 80) + "\"}";
    }

    /**
     * Sends {@code count} bodies, each made when it is sent so the test holds few at a time; one message
     * per call, as a batch of ten would exceed SQS's limit of 1 MiB per batch.
     */
    private static void send(String queueUrl, int count, IntFunction<String> body) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                sent.add(senders.submit(() -> TestServices.sqs().client()
                        .sendMessage(request -> request.queueUrl(queueUrl).messageBody(body.apply(index)))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
