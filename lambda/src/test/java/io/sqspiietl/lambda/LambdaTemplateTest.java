package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.pipeline.InvocationLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SAM template in {@code deploy/lambda} against the handler it deploys: the event source mapping reports
 * partial failures, batches as the handler is made for, and is bounded; the function's timeout holds the
 * handler's worst wait; the queue's visibility timeout is six times the function's, as AWS requires; and
 * the environment names only variables the handler reads.
 */
class LambdaTemplateTest {
    static final Path TEMPLATE = Path.of("..").toAbsolutePath().normalize().resolve("deploy/lambda/template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resources;
    private static JsonNode function;
    private static JsonNode mapping;

    @BeforeAll
    static void readTemplate() throws Exception {
        resources = CloudFormationYaml.read(TEMPLATE).get("Resources");
        function = resources.get("LoadFunction").get("Properties");
        mapping = function.get("Events").get("Queue");
    }

    @Test
    void theFunctionRunsTheHandlerWithSnapStartOnPublishedVersions() {
        assertThat(resources.get("LoadFunction").get("Type").asText()).isEqualTo("AWS::Serverless::Function");
        assertThat(function.get("Handler").asText()).isEqualTo(SqsHandler.HANDLER);
        assertThat(SqsHandler.HANDLER).startsWith(SqsHandler.class.getName() + "::");
        assertThat(function.get("Runtime").asText()).isEqualTo("java17");
        assertThat(function.get("SnapStart").get("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(function.has("AutoPublishAlias")).as("SnapStart applies to published versions only").isTrue();
    }

    @Test
    void theMappingReportsPartialFailuresAndBatchesAsTheHandlerIsMadeFor() throws Exception {
        assertThat(mapping.get("Type").asText()).isEqualTo("SQS");
        JsonNode properties = mapping.get("Properties");
        assertThat(properties.get("Queue")).isEqualTo(JSON.readTree("{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}"));
        assertThat(properties.get("FunctionResponseTypes")).containsExactly(JSON.readTree("\"ReportBatchItemFailures\""));
        int batchSize = properties.get("BatchSize").asInt();
        assertThat(batchSize).isEqualTo(SqsHandler.BATCH_SIZE)
                .as("a broken table trips the breaker within one batch").isGreaterThanOrEqualTo(InvocationLoader.SYSTEMIC_REFUSALS);
        int window = properties.get("MaximumBatchingWindowInSeconds").asInt();
        assertThat(window).as("AWS requires a batching window for batches above 10").isBetween(batchSize > 10 ? 1 : 0, 300);
        assertThat(properties.get("ScalingConfig").get("MaximumConcurrency").asInt()).as("AWS's range").isBetween(2, 1000);
    }

    @Test
    void theTimeoutHoldsTheHandlersWorstWaitAndTheQueueSixTimesIt() {
        Duration timeout = Duration.ofSeconds(function.get("Timeout").asLong());
        assertThat(timeout).as("one commit attempt with every wait at its bound").isGreaterThanOrEqualTo(SqsHandler.ATTEMPT_RESERVE);
        assertThat(timeout).as("Lambda's maximum").isLessThanOrEqualTo(Duration.ofMinutes(15));

        JsonNode queue = resources.get("Queue");
        assertThat(queue.get("Type").asText()).isEqualTo("AWS::SQS::Queue");
        assertThat(queue.get("Properties").get("VisibilityTimeout").asLong()).isEqualTo(6 * timeout.toSeconds());
    }

    @Test
    void theEnvironmentNamesOnlyVariablesTheHandlerReads() {
        Set<String> read = Arrays.stream(Variable.values()).flatMap(variable -> variable.names().stream())
                .collect(Collectors.toCollection(HashSet::new));
        read.addAll(List.of(FunctionSettings.PASSWORD, "SQS_PII_ETL_LOG_LEVEL", "JAVA_TOOL_OPTIONS"));
        Set<String> set = new HashSet<>();
        function.get("Environment").get("Variables").fieldNames().forEachRemaining(set::add);

        assertThat(read).containsAll(set);
        assertThat(set).contains("SQS_PII_ETL_JDBC_URL", "SQS_PII_ETL_KEYSET");
        assertThat(function.get("Environment").get("Variables").get("SQS_PII_ETL_KEYSET").asText())
                .as("relative: inside the package").doesNotStartWith("/");
    }

    @Test
    void theFunctionMayDecryptWithTheKeysetsKmsKeyOnly() throws Exception {
        JsonNode statement = function.get("Policies").get(0).get("Statement").get(0);
        assertThat(statement.get("Action").asText()).isEqualTo("kms:Decrypt");
        assertThat(statement.get("Resource")).isEqualTo(JSON.readTree("{\"Ref\": \"KeysetKmsKeyArn\"}"));
    }
}
