package io.sqspiietl.testing;

import io.sqspiietl.masking.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The podman command line, run as root with runc: podman's default runtime, crun, fails on hosts with hybrid
 * (v1 and v2) cgroups. Containers share the host's network, so they reach the embedded ElasticMQ and PostgreSQL
 * on {@code 127.0.0.1}, and get open-file and process limits below any host's hard limit (podman's default
 * open-file limit is above some, and the container then fails to start).
 *
 * <p>Podman, runc and mmdebstrap are operating-system packages. Where one is missing, or the tests do not run as
 * root (the image test creates root-owned files, as the kubelet does), {@link #require()} aborts the calling
 * test with one line saying so, unless the environment variable {@value #REQUIRED} is {@code 1}
 * ({@code .ci/run} sets it): then it fails, so CI cannot pass without building and running the image.
 */
public final class Podman {
    /** The environment variable that turns a missing podman from a skipped test into a failed one. */
    public static final String REQUIRED = "SQS_PII_ETL_REQUIRE_PODMAN";
    private static final List<String> TOOLS = List.of("podman", "runc", "mmdebstrap");
    private static final List<String> RUN_OPTIONS = List.of("--network=host",
            "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096");
    private static final Logger LOG = LoggerFactory.getLogger(Podman.class);
    private static final AtomicBoolean MISSING_REPORTED = new AtomicBoolean();

    /** What a finished command printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Podman() {
    }

    /** Aborts the calling test (or fails it, see {@value #REQUIRED}) unless podman can build and run images here. */
    public static void require() throws IOException {
        List<String> missing = TOOLS.stream().filter(tool -> Executables.locate(tool).isEmpty()).toList();
        String problem = !missing.isEmpty()
                ? String.join(", ", missing) + " not installed (apt-get install -y podman runc mmdebstrap)"
                : !ProcessIdentity.current().isRoot() ? "the tests do not run as root" : null;
        if (problem == null) {
            return;
        }
        if ("1".equals(System.getenv(REQUIRED))) {
            throw new AssertionError(problem + ", and " + REQUIRED + "=1 requires the container image test");
        }
        String skipped = problem + ": the container image was not built or run";
        if (MISSING_REPORTED.compareAndSet(false, true)) {
            LOG.warn(skipped);
        }
        Assumptions.abort(skipped);
    }

    /** Runs {@code podman ARGS} to its end; fails the test if it takes longer than {@code timeout}. */
    public static Result execute(Duration timeout, String... args) throws IOException, InterruptedException {
        return await(start(List.of(args)), timeout);
    }

    /** Runs {@code podman run OPTIONS ARGS}, the options that let a container run on this host, to its end. */
    public static Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return await(startRun(args), timeout);
    }

    /** Starts {@code podman run OPTIONS ARGS}; the caller waits for it with {@link #await}. */
    public static Started startRun(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(RUN_OPTIONS);
        command.addAll(List.of(args));
        return start(command);
    }

    /** Waits for a started command's end; fails the test, after killing it, if it takes longer than {@code timeout}. */
    public static Result await(Started started, Duration timeout) throws IOException, InterruptedException {
        try {
            if (!started.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                started.process().destroyForcibly();
                throw new AssertionError("podman did not finish within " + timeout + ":\n" + started.output());
            }
            return new Result(started.process().exitValue(), Files.readString(started.stdout()), Files.readString(started.stderr()));
        } finally {
            Files.deleteIfExists(started.stdout());
            Files.deleteIfExists(started.stderr());
        }
    }

    /** A podman process writing to two files; {@link #await} deletes them. */
    public record Started(Process process, Path stdout, Path stderr) {
        /** What it printed so far, for a failure message. */
        public String output() throws IOException {
            return Files.readString(stderr) + Files.readString(stdout);
        }
    }

    private static Started start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        command.addAll(args);
        Path stdout = Files.createTempFile("podman", ".out");
        Path stderr = Files.createTempFile("podman", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Started(process, stdout, stderr);
    }
}
