package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.Podman;
import io.sqspiietl.testing.SecretVolume;
import io.sqspiietl.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container image as users get it: the project's {@code Dockerfile} built by {@code .ci/build-image} with
 * podman (on a Debian JRE base made with mmdebstrap, since no registry is reachable here; the jar of this build
 * in place of the Maven stage) and run against the embedded ElasticMQ and PostgreSQL on the host's network.
 * Each container runs as the shipped Deployment's user and groups, with the keyset laid out as the kubelet lays
 * out that Deployment's secret volume. Without podman or root, see {@link Podman#require()}.
 */
class ContainerImageIT {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerImageIT.class);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LEAN_JAR = ROOT.resolve("etl/target/sqs-pii-etl.jar");
    private static final String IMAGE = "localhost/sqs-pii-etl:it";
    /** The base .ci/build-image makes and keeps. */
    private static final String BASE = "localhost/jre17:bookworm";
    /** The Debian base is 395 MB; the jar (23 MB) and its class-data archive (24 MB) are ours. */
    private static final long IMAGE_CEILING_MB = 480;
    private static final long OURS_CEILING_MB = 64;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Map<String, String> AWS_ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "us-east-1");
    private static boolean built;

    @TempDir
    Path dir;

    @Test
    void imageHoldsAJreAndTheLeanJarButNoJdkNorEmbeddedServer() throws Exception {
        image();
        long size = Long.parseLong(inspect(IMAGE, "{{.Size}}"));
        long ours = size - Long.parseLong(inspect(BASE, "{{.Size}}"));
        LOG.info("image {}: {} MB, of which {} MB on top of the base {}", IMAGE, megabytes(size), megabytes(ours), BASE);
        assertThat(megabytes(size)).isLessThanOrEqualTo(IMAGE_CEILING_MB);
        assertThat(megabytes(ours)).isLessThanOrEqualTo(OURS_CEILING_MB);
        assertThat(inspect(IMAGE, "{{.Config.User}}")).isEqualTo("10001:10001");

        Path root = Path.of(podman("image", "mount", IMAGE).stdout().trim());
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(file -> root.relativize(file).toString()).filter(ContainerImageIT::isForbidden))
                    .as("a JDK or an embedded server in the image").isEmpty();
            Path jar = root.resolve("opt/sqs-pii-etl/sqs-pii-etl.jar");
            assertThat(jar).hasSameBinaryContentAs(LEAN_JAR);
            assertThat(root.resolve("opt/sqs-pii-etl/sqs-pii-etl.jsa")).isRegularFile();
            try (JarFile entries = new JarFile(jar.toFile())) {
                assertThat(entries.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith("org/elasticmq/") || name.startsWith("io/zonky/")
                                || name.startsWith("io/sqspiietl/embedded/") || name.startsWith("io/sqspiietl/demo/")))
                        .isEmpty();
            }
        } finally {
            podman("image", "unmount", IMAGE);
        }
    }

    @Test
    void helpListsTheCommandsAndTheClassDataArchiveOfTheBuildMaps() throws Exception {
        image();
        Podman.Result help = Podman.run(RUN_TIMEOUT, "--rm", IMAGE, "--help");

        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: sqs-pii-etl ").contains("  run ", "  seed ", "  keys ", "  reveal ");
        assertThat(help.stderr()).isEmpty();
        // -Xshare:on makes the JVM exit rather than start without the archive the CDS training step recorded.
        Podman.Result version = Podman.run(RUN_TIMEOUT, "--rm", "--env", "JAVA_OPTS=-Xshare:on", IMAGE, "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
    }

    /**
     * The take-home sample drained as a cron job would, in the image and then with the lean jar on the host
     * (same JVM options, no class-data archive), each timed from launch to exit.
     */
    @Test
    void drainsTheTakeHomeSampleAsTheDeploymentsUserWithItsSecretVolume() throws Exception {
        image();
        Pod pod = Pod.ofShippedDeployment();
        String queueUrl = seededQueue();
        String jdbcUrl = TestServices.newDatabase();

        long start = System.nanoTime();
        Podman.Result drain = Podman.run(RUN_TIMEOUT, pod.options(secretVolume(pod), IMAGE, "run", "--until-empty",
                "--queue-url", queueUrl, "--jdbc-url", jdbcUrl));
        double containerSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(drain.exitCode()).as(drain.stderr()).isZero();
        assertLoadedTheSampleExactly(queueUrl, jdbcUrl, drain.stdout());

        String jarQueueUrl = seededQueue();
        String jarJdbcUrl = TestServices.newDatabase();
        start = System.nanoTime();
        Path jarOutput = dir.resolve("lean-jar.out");
        Process jar = leanJar(jarOutput, "run", "--until-empty", "--queue-url", jarQueueUrl, "--jdbc-url", jarJdbcUrl,
                "--keyset", keyset().toString());
        assertThat(jar.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        double jarSeconds = (System.nanoTime() - start) / 1e9;

        assertThat(jar.exitValue()).as(Files.readString(jarOutput)).isZero();
        assertThat(TestServices.count(jarJdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        LOG.info(String.format(Locale.ROOT, "launch to exit, 100-message drain: image %.2f s, lean jar %.2f s",
                containerSeconds, jarSeconds));
        // A loose bound, since other test JVMs share the CPU: it catches a wait only the image has (a lookup timing
        // out, a long poll too many), not podman's start of the container, which the class-data archive offsets.
        assertThat(containerSeconds).isLessThan(jarSeconds * 2 + 5);
    }

    @Test
    void serviceStoppedWithSigtermFinishesItsWorkPrintsTheSummaryAndExitsZero() throws Exception {
        image();
        Pod pod = Pod.ofShippedDeployment();
        String queueUrl = seededQueue();
        String jdbcUrl = TestServices.newDatabaseWithSchema(); // so the test can count rows from the start
        String name = "sqs-pii-etl-it-" + ProcessHandle.current().pid();

        Podman.Started service = Podman.startRun(pod.options(secretVolume(pod), "--name", name, IMAGE, "run",
                "--queue-url", queueUrl, "--jdbc-url", jdbcUrl));
        Podman.Result stopped;
        try {
            Await.until(Duration.ofSeconds(60), () -> !service.process().isAlive()
                    || TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine") == 1
                    && TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins") == 99);
            assertThat(service.process().isAlive()).as("service running:\n%s", service.output()).isTrue();
            assertThat(podman("kill", "--signal", "TERM", name).exitCode()).isZero();
            stopped = Podman.await(service, Duration.ofSeconds(45));
        } finally {
            podman("rm", "--force", "--ignore", name); // a service left running by a failure
        }

        assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
        assertLoadedTheSampleExactly(queueUrl, jdbcUrl, stopped.stdout());
    }

    private static void assertLoadedTheSampleExactly(String queueUrl, String jdbcUrl, String summary) throws Exception {
        assertThat(summary).containsPattern("received\\s+100\\n").containsPattern("loaded\\s+99\\n")
                .containsPattern("quarantined\\s+1\\n").containsPattern("missing_field\\s+1\\n")
                .containsPattern("deleted\\s+100\\n");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    /** Builds the image once per test JVM, after checking that podman can (or aborting the test). */
    private static synchronized void image() throws IOException, InterruptedException {
        Podman.require();
        if (built) {
            return;
        }
        Path log = Files.createTempFile("build-image", ".log");
        ProcessBuilder script = new ProcessBuilder(ROOT.resolve(".ci/build-image").toString(), IMAGE)
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().remove("RUNTIME_BASE"); // the base whose size the test subtracts
        long start = System.nanoTime();
        Process build = script.start();
        boolean finished = build.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            build.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(finished && build.exitValue() == 0).as(".ci/build-image within %s:\n%s", BUILD_TIMEOUT, output).isTrue();
        LOG.info(String.format(Locale.ROOT, ".ci/build-image built %s in %.1f s", IMAGE, (System.nanoTime() - start) / 1e9));
        built = true;
    }

    private static boolean isForbidden(String path) {
        String name = Path.of(path).getFileName() == null ? "" : Path.of(path).getFileName().toString();
        return List.of("javac", "jmods", "postgres", "pg_ctl", "initdb").contains(name)
                || name.contains("elasticmq") || name.contains("zonky") || name.endsWith("-all.jar");
    }

    private static String inspect(String image, String format) throws IOException, InterruptedException {
        Podman.Result inspect = podman("image", "inspect", "--format", format, image);
        assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
        return inspect.stdout().trim();
    }

    private static Podman.Result podman(String... args) throws IOException, InterruptedException {
        return Podman.execute(RUN_TIMEOUT, args);
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / 1e6);
    }

    private static String seededQueue() throws IOException {
        String queueUrl = TestServices.newQueue();
        CommandRunner cli = new CommandRunner();
        assertThat(cli.execute("seed", "--queue-url", queueUrl)).as(cli.err()).isZero();
        return queueUrl;
    }

    private Path keyset() throws Exception {
        Path file = dir.resolve("keyset-" + System.nanoTime() + ".json");
        MaskingKeyset.generate().writeNew(file);
        return file;
    }

    /** The kubelet's layout of the keyset secret for {@code pod}, in a directory of its own. */
    private Path secretVolume(Pod pod) throws Exception {
        Path volume = Files.createDirectory(dir.resolve("secret-volume-" + System.nanoTime()));
        SecretVolume.create(volume, pod.keysetName(), keyset(), pod.defaultMode(), pod.fsGroup());
        return volume;
    }

    /**
     * {@code java OPTIONS -jar etl/target/sqs-pii-etl.jar ARGS}, with the options bin/jvm-options gives the image,
     * its output to {@code output}.
     */
    private static Process leanJar(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions(args).split("\\s+")));
        command.addAll(List.of("-jar", LEAN_JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(AWS_ENVIRONMENT);
        return builder.start();
    }

    private static String jvmOptions(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/jvm-options").toString()));
        command.addAll(List.of(args));
        Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
        String options = new String(script.getInputStream().readAllBytes()).trim();
        assertThat(script.waitFor()).as(options).isZero();
        return options;
    }

    /** What deploy/deployment.yaml gives the loader: its user and groups, and the keyset secret's mount. */
    private record Pod(int runAsUser, int runAsGroup, int fsGroup, int defaultMode, String mountPath, String keysetPath) {
        static Pod ofShippedDeployment() throws IOException {
            YAMLMapper yaml = new YAMLMapper();
            JsonNode deployment = yaml.readValues(yaml.createParser(ROOT.resolve("deploy/deployment.yaml").toFile()), JsonNode.class)
                    .readAll().stream().filter(document -> "Deployment".equals(document.path("kind").asText()))
                    .findFirst().orElseThrow();
            JsonNode spec = deployment.at("/spec/template/spec");
            JsonNode loader = only(spec.path("containers"), "name", "loader");
            JsonNode security = spec.path("securityContext");
            return new Pod(security.path("runAsUser").asInt(), security.path("runAsGroup").asInt(),
                    security.path("fsGroup").asInt(), only(spec.path("volumes"), "name", "keyset").at("/secret/defaultMode").asInt(),
                    only(loader.path("volumeMounts"), "name", "keyset").path("mountPath").asText(),
                    only(loader.path("env"), "name", "SQS_PII_ETL_KEYSET").path("value").asText());
        }

        String keysetName() {
            return Path.of(mountPath).relativize(Path.of(keysetPath)).toString();
        }

        /** {@code podman run} options running as this pod's loader with {@code volume} mounted, then {@code args}. */
        String[] options(Path volume, String... args) {
            List<String> options = new ArrayList<>(List.of("--rm", "--user", runAsUser + ":" + runAsGroup,
                    "--group-add", String.valueOf(fsGroup), "--volume", volume + ":" + mountPath + ":ro",
                    "--env", "SQS_PII_ETL_KEYSET=" + keysetPath));
            AWS_ENVIRONMENT.forEach((name, value) -> options.addAll(List.of("--env", name + "=" + value)));
            options.addAll(List.of(args));
            return options.toArray(String[]::new);
        }

        private static JsonNode only(JsonNode array, String field, String value) {
            List<JsonNode> matching = StreamSupport.stream(array.spliterator(), false)
                    .filter(element -> value.equals(element.path(field).asText())).toList();
            assertThat(matching).as("elements with %s=%s", field, value).hasSize(1);
            return matching.get(0);
        }
    }
}
