package io.sqspiietl.bench;

import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code bench --launch-to-exit}: what a user timing a cron drain sees. For each queue distance and
 * size, in one run against one queue server (ElasticMQ in a child JVM) and one PostgreSQL, it times
 * whole processes from launch to exit: {@code sqs-pii-etl run --until-empty} with its defaults, as
 * the launcher starts it, and {@link RawDrainMain} with 64 threads and the same JVM options, which only
 * receives and deletes.
 * Rounds alternate which process goes first; the ratio reported is raw time / tool time (1 means as
 * quick as the raw drain), the median of the rounds'. After every tool run the table must hold
 * exactly the valid messages once and the queue must be empty. One untimed launch of each comes
 * first, as every run but the first after a build finds the launcher's class-data archive.
 */
final class LaunchToExitBench {
    static final int RAW_THREADS = 64;
    private static final int WARM_UP_MESSAGES = 100;
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);

    private final PrintWriter out;
    private final Path launcher;
    /**
     * The options {@code bin/jvm-options} gives a drain, given to the raw process too, so that the ratio
     * compares the work done and not the compiler (docs/performance.md).
     */
    private final List<String> drainJvmOptions;
    private final int rounds;
    private boolean allCorrect = true;

    /**
     * @param launcher   the command users run, {@code bin/sqs-pii-etl}
     * @param jvmOptions {@code bin/jvm-options}, asked for the options of a drain
     */
    LaunchToExitBench(PrintWriter out, Path launcher, Path jvmOptions, int rounds) throws IOException, InterruptedException {
        this.out = out;
        this.launcher = launcher;
        this.drainJvmOptions = drainJvmOptions(jvmOptions);
        this.rounds = rounds;
    }

    /** Measures every size at every latency; returns false if any run was incorrect. */
    boolean run(List<Integer> sizes, List<Long> latenciesMillis) throws Exception {
        Path dir = Files.createTempDirectory("sqs-pii-etl-bench");
        Path keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);
        out.printf(Locale.ROOT, "bench --launch-to-exit: %s, raw drain with %d threads, %d round%s%n", launcher, RAW_THREADS,
                rounds, rounds == 1 ? "" : "s");
        try (QueueServerProcess server = QueueServerProcess.start(sizes.stream().mapToLong(Integer::longValue).max().orElse(0));
             EmbeddedPostgres postgres = EmbeddedPostgres.start();
             SqsClient admin = BenchQueues.client(server.endpoint(), 16)) {
            // The first launch after a build records the launcher's class-data archive, which every
            // later launch maps: a one-off cost, paid here, untimed, before any round.
            Target direct = new Target(admin, server.endpoint(), postgres, keyset);
            toolRun(direct, "l2e_warm_up", WARM_UP_MESSAGES);
            rawRun(direct, "l2e-warm-up-raw", WARM_UP_MESSAGES);
            for (long latency : latenciesMillis) {
                try (TcpRelay relay = TcpRelay.start(server.endpoint(), Duration.ofMillis(latency))) {
                    URI endpoint = latency > 0 ? relay.endpoint() : server.endpoint();
                    for (int size : sizes) {
                        measure(new Target(admin, endpoint, postgres, keyset), size, latency);
                    }
                }
            }
        }
        return allCorrect;
    }

    /** Where a run drains from and loads into. */
    private record Target(SqsClient admin, URI endpoint, EmbeddedPostgres postgres, Path keyset) {
    }

    private void measure(Target target, int size, long latency) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String name = "l2e-" + size + "-" + latency + "-" + round;
            double raw;
            double tool;
            if (round % 2 == 1) {
                raw = rawRun(target, name + "-raw", size);
                tool = toolRun(target, name.replace('-', '_'), size);
            } else {
                tool = toolRun(target, name.replace('-', '_'), size);
                raw = rawRun(target, name + "-raw", size);
            }
            ratios.add(raw / tool);
            out.printf(Locale.ROOT, "  %6d messages, %2d ms  round %d: raw %6.2f s, sqs-pii-etl %6.2f s, ratio %.2f%n",
                    size, latency, round, raw, tool, raw / tool);
        }
        out.printf(Locale.ROOT, "%6d messages, %2d ms each way: ratio %.2f (median raw time / sqs-pii-etl time)%n",
                size, latency, Medians.of(ratios));
        out.flush();
    }

    private double rawRun(Target target, String queue, int size) throws Exception {
        String queueUrl = BenchQueues.seeded(target.admin(), queue, size);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(drainJvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawDrainMain.class.getName(),
                target.endpoint().toString(), queueUrl, Integer.toString(RAW_THREADS)));
        double seconds = timed(command);
        requireEmpty(target.admin(), queueUrl);
        return seconds;
    }

    private double toolRun(Target target, String database, int size) throws Exception {
        String queueUrl = BenchQueues.seeded(target.admin(), database.replace('_', '-'), size);
        target.postgres().createDatabase(database);
        String jdbcUrl = target.postgres().jdbcUrl(database);
        double seconds = timed(List.of(launcher.toString(), "run", "--until-empty", "--queue-url", queueUrl,
                "--sqs-endpoint", target.endpoint().toString(), "--jdbc-url", jdbcUrl, "--keyset", target.keyset().toString()));
        allCorrect &= CorrectnessCheck.verify(jdbcUrl, size, out);
        requireEmpty(target.admin(), queueUrl);
        return seconds;
    }

    private static List<String> drainJvmOptions(Path script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", script.toString(), "run", "--until-empty").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(script + " failed: " + output);
        }
        return List.of(output.split("\\s+"));
    }

    /** Runs a process to its end and returns its wall time from launch to exit, in seconds. */
    private double timed(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bench-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench"));
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!exited || process.exitValue() != 0) {
            process.destroyForcibly();
            allCorrect = false;
            out.printf(Locale.ROOT, "  FAILED: %s %s; its output:%n%s%n", command.get(0),
                    exited ? "exited " + process.exitValue() : "timed out", Files.readString(log));
        }
        Files.delete(log);
        return seconds;
    }

    private void requireEmpty(SqsClient admin, String queueUrl) {
        Map<QueueAttributeName, String> counts = admin.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        if (!"0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                || !"0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) {
            allCorrect = false;
            out.printf(Locale.ROOT, "  FAILED: queue not empty after the run: %s%n", counts);
        }
    }
}
