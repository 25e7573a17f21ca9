package io.sqspiietl.bench;

import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench}: the pipeline's throughput as a ratio of the raw drain ceiling, measured side by side
 * in one run against the same queue server, plus the loader's peak RSS and a full correctness check.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pipeline throughput against the raw receive+delete ceiling of the same queue.")
public final class BenchCommand implements Callable<Integer> {
    private static final long WARM_UP_MESSAGES = 20_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "100000",
            description = "Messages per phase (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Delay added per direction between the client and the queue server (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--receivers", paramLabel = "N", defaultValue = "" + PipelineSettings.DEFAULT_RECEIVERS,
            description = "Concurrency of both phases (default: ${DEFAULT-VALUE}, as for run).")
    int receivers;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + PipelineSettings.DEFAULT_BATCH_SIZE,
            description = "Pipeline batch size (default: ${DEFAULT-VALUE}, as for run).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %d messages per phase, %d ms latency per direction, %d receivers, batch %d, max heap %d MiB%n",
                messages, latencyMillis, receivers, batchSize, Runtime.getRuntime().maxMemory() >> 20);
        try (QueueServerProcess server = QueueServerProcess.start(messages);
             TcpRelay relay = TcpRelay.start(server.endpoint(), Duration.ofMillis(latencyMillis));
             EmbeddedPostgres postgres = EmbeddedPostgres.start();
             SqsClient admin = client(server.endpoint(), 16)) {
            URI endpoint = latencyMillis > 0 ? relay.endpoint() : server.endpoint();

            // Both the queue server and this JVM compile their hot paths during the first messages;
            // unmeasured warm-up runs of both phases keep that cost out of the measurements.
            long warmUp = Math.min(messages, WARM_UP_MESSAGES);
            rawDrain(admin, endpoint, "bench-warm-up-raw", warmUp, true);
            postgres.createDatabase("bench_warm_up");
            pipeline(admin, endpoint, "bench-warm-up-pipeline", warmUp, postgres.jdbcUrl("bench_warm_up"));

            Measurement loop = rawDrain(admin, endpoint, "bench-raw-loop", messages, false);
            print(out, "raw drain, loop", loop.rate(), loop.messages(), loop.elapsed());
            Measurement split = rawDrain(admin, endpoint, "bench-raw-split", messages, true);
            print(out, "raw drain, split", split.rate(), split.messages(), split.elapsed());
            // The ratio is taken against the better of the two, so that it never flatters the pipeline.
            double ceiling = Math.max(loop.rate(), split.rate());

            String jdbcUrl = postgres.jdbcUrl("postgres");
            ProcessMemory.resetPeak();
            RunSummary summary = pipeline(admin, endpoint, "bench-pipeline", messages, jdbcUrl);
            long peakRss = ProcessMemory.peakRssMegabytes();
            print(out, "pipeline", summary.rate(), summary.deleted(), summary.busy());
            out.printf(Locale.ROOT, "%-18s %9.2f  (pipeline / best raw drain)%n", "ratio", summary.rate() / ceiling);
            out.printf(Locale.ROOT, "%-18s %9d MiB  (loader process, pipeline phase)%n", "peak RSS", peakRss);
            return CorrectnessCheck.verify(jdbcUrl, messages, out) ? 0 : 1;
        }
    }

    private Measurement rawDrain(SqsClient admin, URI endpoint, String queue, long count, boolean deletesOnOwnThreads)
            throws Exception {
        String queueUrl = admin.createQueue(request -> request.queueName(queue)).queueUrl();
        ParallelSeeder.seed(admin, queueUrl, count);
        try (SqsMessageSource source = new SqsMessageSource(client(endpoint, 2 * receivers + 2), queueUrl)) {
            return new RawDrain(source, receivers, deletesOnOwnThreads).drain();
        }
    }

    private static void print(PrintWriter out, String phase, double rate, long messages, Duration elapsed) {
        out.printf(Locale.ROOT, "%-18s %9.0f messages/s  (%d in %.1f s)%n", phase, rate, messages, elapsed.toMillis() / 1000.0);
    }

    private RunSummary pipeline(SqsClient admin, URI endpoint, String queue, long count, String jdbcUrl) throws Exception {
        String queueUrl = admin.createQueue(request -> request.queueName(queue)).queueUrl();
        ParallelSeeder.seed(admin, queueUrl, count);
        SqsSettings sqs = new SqsSettings(Region.US_EAST_1, endpoint, queueUrl, null, credentials(), 2 * receivers + 2, SqsProtocol.JSON);
        PipelineSettings settings = new PipelineSettings(receivers, batchSize, PipelineSettings.DEFAULT_LINGER, true);
        try (Loader loader = Loader.open(sqs, new DatabaseSettings(jdbcUrl, null, null), MaskingKeyset.generate(),
                settings, Clock.systemUTC())) {
            return loader.run();
        }
    }

    private static SqsClient client(URI endpoint, int maxConnections) {
        return new SqsSettings(Region.US_EAST_1, endpoint, null, "unused", credentials(), maxConnections, SqsProtocol.JSON).createClient();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
    }
}
