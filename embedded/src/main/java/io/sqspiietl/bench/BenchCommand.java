package io.sqspiietl.bench;

import io.sqspiietl.cli.PipelineOptions;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.Loaders;
import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.LoaderSettings;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench}: the pipeline's throughput as a ratio of the raw drain ceiling, measured side by side
 * in one run against the same queue server, plus the loader's peak RSS and a full correctness check.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pipeline throughput against the raw receive+delete ceiling of the same queue.")
public final class BenchCommand implements Callable<Integer> {
    private static final Duration REAP_GRACE = Duration.ofMillis(500);
    /** See {@link #warmUp}: the JIT needs to have seen a few runs start, as well as many messages. */
    private static final int WARM_UP_PASSES = 3;
    private static final Duration COMPILER_IDLE_LIMIT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "100000",
            description = "Messages per phase (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "300000",
            description = "Unmeasured messages through each shape first, in " + WARM_UP_PASSES + " passes, so both "
                    + "JVMs run compiled code (default: ${DEFAULT-VALUE}).")
    long warmUpMessages;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds of all three measurements, in alternating order; the ratio reported is "
                    + "their median (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Delay added per direction between the client and the queue server (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--launch-to-exit",
            description = "Time whole processes instead, launch to exit, as a cron drain: sqs-pii-etl run --until-empty "
                    + "(defaults, through --launcher) against a raw receive+delete process with "
                    + LaunchToExitBench.RAW_THREADS + " threads, for every --sizes at every --latencies-ms.")
    boolean launchToExit;

    @Option(names = "--sizes", split = ",", paramLabel = "N,...", defaultValue = "100,20000",
            description = "With --launch-to-exit: queue sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--latencies-ms", split = ",", paramLabel = "MS,...", defaultValue = "0,10,20",
            description = "With --launch-to-exit: delays per direction (default: ${DEFAULT-VALUE}).")
    List<Long> latencies;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "With --launch-to-exit: the command to time (default: bin/sqs-pii-etl of this build).")
    Path launcher;

    /** Read from {@link #pipelineOptions} before anything runs, so a bad value fails at once. */
    private PipelineSettings settings;
    /** One keyset for the whole bench, as one operator's: the warm-up database is loaded by several runs. */
    private final MaskingKeyset keyset = MaskingKeyset.generate();

    /** Highest peak RSS of the pipeline phases so far, in MiB. */
    private long peakRss;
    private boolean allCorrect = true;

    @Override
    public Integer call() throws Exception {
        requireAtLeast("--rounds", rounds, 1);
        if (launchToExit) {
            Path command = launcher != null ? launcher : projectBin().resolve("sqs-pii-etl");
            return new LaunchToExitBench(spec.commandLine().getOut(), command, projectBin().resolve("jvm-options"), rounds)
                    .run(sizes, latencies) ? 0 : 1;
        }
        requireAtLeast("--messages", messages, 1);
        requireAtLeast("--warm-up", warmUpMessages, 0);
        requireAtLeast("--latency-ms", latencyMillis, 0);
        settings = pipelineOptions.settings(true);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench: %d messages per phase after %d to warm up, %d ms latency per direction, receivers %s "
                        + "(raw drain: %d), batch %d, max heap %d MiB%n",
                messages, warmUpMessages, latencyMillis, settings.adaptive() ? "adaptive up to " + settings.maxReceivers()
                        : settings.receivers() + " pinned", settings.receiverCeiling(), settings.batchSize(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (QueueServerProcess server = QueueServerProcess.start(messages);
             TcpRelay relay = TcpRelay.start(server.endpoint(), Duration.ofMillis(latencyMillis));
             EmbeddedPostgres postgres = EmbeddedPostgres.start();
             SqsClient admin = BenchQueues.client(server.endpoint(), 16)) {
            Services services = new Services(admin, latencyMillis > 0 ? relay.endpoint() : server.endpoint(), postgres,
                    new CpuMeter(server.handle(), postgres.serverProcess().orElseThrow()));
            warmUp(services);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                ratios.add(round(services, round, out));
            }
            out.printf(Locale.ROOT, "%-20s %9.2f  (median of %d round%s)%n", "ratio", Medians.of(ratios), rounds, rounds == 1 ? "" : "s");
            out.printf(Locale.ROOT, "%-20s %9d MiB  (loader process, highest of the pipeline phases)%n", "peak RSS", peakRss);
            return allCorrect ? 0 : 1;
        }
    }

    /** What every phase runs against. */
    private record Services(SqsClient admin, URI endpoint, EmbeddedPostgres postgres, CpuMeter cpu) {
    }

    /**
     * Both the queue server and this JVM keep compiling their hot paths for the first few hundred
     * thousand messages, and per-message CPU falls by half or more meanwhile; measured cold,
     * whichever phase ran last would look best. So every shape runs unmeasured first, in several
     * passes: each run starts on fresh threads, a fresh connection and a fresh client whose first use
     * takes paths the compiler had dropped as never taken (an empty thread-local cache, say), and the
     * passes let it see runs start before the rounds do. The pipeline's own code (parsing, masking,
     * COPY) runs in no other shape, so it is the last to be compiled fully: after 100,000 messages it
     * still spent 10-15 µs per message in the compiler in the first rounds, after 300,000 about 2.
     */
    private void warmUp(Services services) throws Exception {
        if (warmUpMessages == 0) {
            return;
        }
        services.postgres().createDatabase("bench_warm_up");
        String jdbcUrl = services.postgres().jdbcUrl("bench_warm_up");
        long perPass = Math.max(1, warmUpMessages / WARM_UP_PASSES);
        for (int pass = 1; pass <= WARM_UP_PASSES; pass++) {
            for (Shape shape : Shape.values()) {
                String queueUrl = BenchQueues.seeded(services.admin(), "bench-warm-up-" + pass + "-" + shape.slug(), perPass);
                run(services, shape, queueUrl, jdbcUrl, PipelineListener.NONE);
            }
        }
    }

    /** Measures the three shapes once and returns the pipeline's ratio to the better raw shape. */
    private double round(Services services, int round, PrintWriter out) throws Exception {
        // Odd rounds measure the pipeline last, even rounds first, so that a queue server still
        // speeding up (or a neighbour slowing the machine) favours neither side.
        List<Shape> order = round % 2 == 1 ? List.of(Shape.values()) : List.of(Shape.PIPELINE, Shape.RAW_SPLIT, Shape.RAW_LOOP);
        out.printf(Locale.ROOT, "round %d%n", round);
        Map<Shape, Double> rates = new EnumMap<>(Shape.class);
        for (Shape shape : order) {
            String queueUrl = BenchQueues.seeded(services.admin(), "bench-" + round + "-" + shape.slug(), messages);
            Measurement measurement = shape == Shape.PIPELINE
                    ? measurePipeline(services, queueUrl, "bench_round_" + round, out)
                    : measured(out, services.cpu(), shape, () -> run(services, shape, queueUrl, null, PipelineListener.NONE));
            rates.put(shape, measurement.rate());
        }
        // Against the better raw shape of the same round, so that the ratio never flatters the pipeline.
        double ratio = rates.get(Shape.PIPELINE) / Math.max(rates.get(Shape.RAW_LOOP), rates.get(Shape.RAW_SPLIT));
        out.printf(Locale.ROOT, "  %-18s %9.2f  (pipeline / best raw drain)%n", "ratio", ratio);
        return ratio;
    }

    /** The pipeline phase, into a database of its own, followed by its memory, commit and correctness figures. */
    private Measurement measurePipeline(Services services, String queueUrl, String database, PrintWriter out) throws Exception {
        services.postgres().createDatabase(database);
        String jdbcUrl = services.postgres().jdbcUrl(database);
        ProcessMemory.resetPeak();
        CommitTimer commits = new CommitTimer();
        Measurement pipeline = measured(out, services.cpu(), Shape.PIPELINE,
                () -> run(services, Shape.PIPELINE, queueUrl, jdbcUrl, commits));
        peakRss = Math.max(peakRss, ProcessMemory.peakRssMegabytes());
        out.printf(Locale.ROOT, "  %-18s %s%n", "writer", commits.describe(pipeline.elapsed()));
        allCorrect &= CorrectnessCheck.verify(jdbcUrl, messages, out);
        return pipeline;
    }

    /** {@code bin/sqs-pii-etl} of the build this jar is in ({@code embedded/target/sqs-pii-etl-all.jar}). */
    /** The project's {@code bin}, where the launcher and its JVM options are. */
    private static Path projectBin() throws Exception {
        Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().resolve("bin");
    }

    private void requireAtLeast(String option, long value, long least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + least + ", was " + value);
        }
    }

    /** The three things measured: two shapes of the raw ceiling, and the pipeline. */
    private enum Shape {
        RAW_LOOP("raw drain, loop"), RAW_SPLIT("raw drain, split"), PIPELINE("pipeline");

        final String label;

        Shape(String label) {
            this.label = label;
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Drains the queue in the given shape; {@code jdbcUrl} and {@code listener} serve the pipeline only. */
    private Measurement run(Services services, Shape shape, String queueUrl, String jdbcUrl, PipelineListener listener)
            throws Exception {
        return shape == Shape.PIPELINE
                ? pipeline(services.endpoint(), queueUrl, jdbcUrl, listener)
                : rawDrain(services.endpoint(), queueUrl, shape == Shape.RAW_SPLIT);
    }

    private Measurement rawDrain(URI endpoint, String queueUrl, boolean deletesOnOwnThreads) throws Exception {
        try (SqsMessageSource source = new SqsMessageSource(BenchQueues.client(endpoint, settings.sqsConnections()), queueUrl)) {
            return new RawDrain(source, settings.receiverCeiling(), deletesOnOwnThreads).drain();
        }
    }

    /**
     * Runs one measured phase (seeding, and compiling what seeding made hot, excluded) and prints its
     * rate, the CPU each process spent per message, and the share of the machine's CPU the host took.
     */
    private static Measurement measured(PrintWriter out, CpuMeter cpu, Shape shape, Callable<Measurement> body) throws Exception {
        cpu.awaitIdleCompiler(COMPILER_IDLE_LIMIT);
        Map<String, Long> start = cpu.now();
        StolenCpu machineStart = StolenCpu.now();
        Measurement result = body.call();
        double stolen = StolenCpu.now().percentSince(machineStart);
        // The phase's PostgreSQL backend exits with its connection; its CPU counts once the postmaster
        // has reaped it, which happens asynchronously.
        Thread.sleep(REAP_GRACE.toMillis());
        out.printf(Locale.ROOT, "  %-18s %9.0f messages/s  (%d in %.1f s; CPU per message: %s; stolen by the host: %.0f%%)%n",
                shape.label, result.rate(), result.messages(), result.elapsed().toMillis() / 1000.0,
                cpu.perMessage(start, result.messages()), stolen);
        return result;
    }

    private Measurement pipeline(URI endpoint, String queueUrl, String jdbcUrl, PipelineListener listener) throws Exception {
        SqsSettings sqs = new SqsSettings(Region.US_EAST_1, endpoint, queueUrl, null, BenchQueues.credentials(),
                settings.sqsConnections(), SqsProtocol.JSON);
        LoaderSettings loaderSettings = new LoaderSettings(sqs, new DatabaseSettings(jdbcUrl, null, null), settings);
        try (Loader loader = Loaders.open(loaderSettings, ContractReader.login(), keyset, Clock.systemUTC(), listener)) {
            RunSummary summary = loader.run();
            return new Measurement(summary.deleted(), summary.busy());
        }
    }
}
