package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.lambda.RuntimeApi.Posted;
import io.sqspiietl.lambda.SqsEvents.Sent;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The deployment artifact run as Lambda runs it: unpacked into a task root with the keyset added (as
 * {@code docs/lambda.md} says to package it), loaded by Lambda's own runtime client (the one its managed Java
 * runtimes run, with the artifact's classes only, from the task root), which takes invocations from a
 * Runtime API on this machine ({@link RuntimeApi}) and serializes events and responses with Lambda's own
 * serializer. The JVM options are the SAM template's. Times and the artifact's size are printed.
 */
class LambdaArtifactIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ARTIFACT = ROOT.resolve("lambda/target/sqs-pii-etl-lambda.jar");
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The org.crac implementation of Lambda's runtime client, as the managed runtimes select it. */
    private static final String LAMBDA_CRAC = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    @TempDir
    Path dir;

    private String jdbcUrl;
    private FunctionDeployment deployment;
    private RuntimeApi api;
    private Process runtime;
    private Path log;

    @BeforeEach
    void deploy() throws Exception {
        requireLinux();
        jdbcUrl = TestServices.newDatabaseWithSchema();
        deployment = FunctionDeployment.create(dir, jdbcUrl);
        unpack(ARTIFACT, deployment.taskRoot());
        api = RuntimeApi.start();
        log = dir.resolve("runtime.log");
    }

    @AfterEach
    void stop() throws Exception {
        if (api == null) {
            return;
        }
        if (runtime != null) {
            runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        api.close();
    }

    @Test
    void coldStartAndWarmInvocationOfTenMessagesInLambdasRuntimeClient() throws Exception {
        System.out.printf("Lambda artifact %s: %d bytes%n", ARTIFACT.getFileName(), Files.size(ARTIFACT));
        long launch = System.nanoTime();
        start(Map.of());

        String first = api.invoke(SqsEvents.json(SqsEvents.STANDARD_QUEUE, logins("cold-", 10)));
        Posted cold = api.nextPosted(WAIT);
        String second = api.invoke(SqsEvents.json(SqsEvents.STANDARD_QUEUE, logins("warm-", 10)));
        long handedOut = awaitHandedOut(cold.nanos());
        Posted warm = api.nextPosted(WAIT);

        assertThat(cold).as(output()).extracting(Posted::requestId, Posted::error).containsExactly(first, false);
        assertThat(warm).as(output()).extracting(Posted::requestId, Posted::error).containsExactly(second, false);
        assertThat(JSON.readTree(cold.body())).isEqualTo(JSON.readTree("{\"batchItemFailures\": []}"));
        assertThat(JSON.readTree(warm.body())).isEqualTo(JSON.readTree("{\"batchItemFailures\": []}"));
        Duration coldStart = Duration.ofNanos(cold.nanos() - launch);
        Duration warmBatch = Duration.ofNanos(warm.nanos() - handedOut);
        System.out.printf("Lambda artifact in Lambda's runtime client: cold start (JVM launch, init and a first batch of 10)"
                + " %d ms; warm batch of 10 %d ms%n", coldStart.toMillis(), warmBatch.toMillis());
        assertThat(coldStart).isLessThan(Duration.ofSeconds(60));
        assertThat(warmBatch).isLessThan(Duration.ofSeconds(10)).isLessThan(coldStart);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(20);
    }

    @Test
    void snapStartClosesTheConnectionBeforeTheSnapshotAndOpensItAfterTheRestore() throws Exception {
        start(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));

        api.awaitSnapshot(WAIT);
        String sessions = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'sqs-pii-etl'";
        Await.until(Duration.ofSeconds(10), () -> TestServices.count(jdbcUrl, sessions) == 0);
        api.restore();
        Await.until(Duration.ofSeconds(30), () -> TestServices.count(jdbcUrl, sessions) == 1);

        List<Sent> sent = new ArrayList<>(logins("restored-", 9));
        sent.add(Sent.of("not json"));
        api.invoke(SqsEvents.json(SqsEvents.STANDARD_QUEUE, sent));
        Posted response = api.nextPosted(WAIT);

        assertThat(response.error()).as(output()).isFalse();
        assertThat(JSON.readTree(response.body()).get("batchItemFailures")).as("quarantined is done").isEmpty();
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(9);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine WHERE reason = 'not_json'"))
                .isEqualTo(1);
        assertThat(output()).doesNotContain("not json").doesNotContain("10.0.0.1");
    }

    @Test
    void systemicRefusalComesBackAsPartialBatchResponseJson() throws Exception {
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ALTER COLUMN user_id TYPE varchar(4)");
        start(Map.of());

        List<Sent> sent = logins("too-long-", 25);
        api.invoke(SqsEvents.json(SqsEvents.STANDARD_QUEUE, sent));
        Posted response = api.nextPosted(WAIT);

        List<String> failed = new ArrayList<>();
        JSON.readTree(response.body()).get("batchItemFailures").forEach(item -> failed.add(item.get("itemIdentifier").asText()));
        assertThat(failed).as(output()).containsExactlyElementsOf(sent.stream().map(Sent::messageId).toList());
    }

    @Test
    void badConfigurationFailsTheInitWithOneLineNamingTheVariable() throws Exception {
        start(Map.of("SQS_PII_ETL_SNS_ENVELOPE", "sometimes"));

        Posted initError = api.nextPosted(WAIT);

        assertThat(initError.requestId()).isNull();
        JsonNode error = JSON.readTree(initError.body());
        assertThat(error.get("errorMessage").asText()).as(output())
                .isEqualTo("SQS_PII_ETL_SNS_ENVELOPE: 'sometimes' is not one of [auto, off]");
        assertThat(error.get("errorType").asText()).isEqualTo(InitException.class.getName());
        assertThat(runtime.waitFor(30, TimeUnit.SECONDS)).as("the runtime exits").isTrue();
    }

    /**
     * The runtime client's native part is built for Linux (x86-64 and ARM64, glibc and musl), as Lambda is;
     * elsewhere the test says so in one line and does not run.
     */
    private static void requireLinux() {
        if (!System.getProperty("os.name").equals("Linux")) {
            String skipped = "LambdaArtifactIT not run: Lambda's runtime client needs Linux, this is "
                    + System.getProperty("os.name");
            LoggerFactory.getLogger(LambdaArtifactIT.class).warn(skipped);
            Assumptions.abort(skipped);
        }
    }

    /** Starts Lambda's runtime client on the task root, with the template's JVM options and the deployment's environment. */
    private void start(Map<String, String> extra) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(LAMBDA_CRAC);
        command.add("-cp");
        command.add(runtimeClasspath());
        command.add(AWSLambda.class.getName());
        command.add(SqsHandler.HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(deployment.taskRoot().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv("PATH"));
        environment.putAll(deployment.environment());
        environment.put("JAVA_TOOL_OPTIONS", templateVariable("JAVA_TOOL_OPTIONS"));
        environment.put("SQS_PII_ETL_LOG_FORMAT", templateVariable("SQS_PII_ETL_LOG_FORMAT"));
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "sqs-pii-etl");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/sqs-pii-etl");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "test");
        environment.put("AWS_REGION", "us-east-1");
        environment.putAll(extra);
        runtime = builder.start();
    }

    /** The runtime client and what it needs, as the managed runtime has them: none of the function's classes. */
    private static String runtimeClasspath() {
        List<String> jars = new ArrayList<>();
        for (Class<?> type : List.of(AWSLambda.class, PojoSerializer.class, Context.class, SdkInternalThreadLocal.class)) {
            jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String templateVariable(String name) throws IOException {
        return CloudFormationYaml.read(LambdaTemplateTest.TEMPLATE).get("Resources").get("LoadFunction").get("Properties")
                .get("Environment").get("Variables").get(name).asText();
    }

    /** Waits until the invocation queued after {@code after} was handed out, and returns when. */
    private long awaitHandedOut(long after) throws Exception {
        Await.until(WAIT, () -> api.handedOutNanos() > after);
        return api.handedOutNanos();
    }

    private String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<Sent> logins(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> Sent.of("{\"user_id\": \"" + prefix + i
                + "\", \"device_type\": \"android\", \"ip\": \"10.0.0.1\", \"device_id\": \"123-45-6789\"}")).toList();
    }

    /** Unpacks the deployment package into the task root, as Lambda does. */
    private static void unpack(Path artifact, Path taskRoot) throws IOException {
        try (InputStream in = Files.newInputStream(artifact); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
