package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sqspiietl.masking.KeysetAccessRule;
import io.sqspiietl.masking.KeysetAccessRule.Verdict;
import io.sqspiietl.masking.ProcessIdentity;
import io.sqspiietl.masking.SecretVolumeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The manifests under deploy/ agree with what the code serves and the README promises. They are
 * read as the structures Kubernetes and KEDA see, so layout and comments do not matter.
 */
class DeployManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int METRICS_PORT = 9102;

    @Test
    void deploymentProbesTheHealthEndpointsOnTheDocumentedMetricsPort() throws Exception {
        JsonNode deployment = manifest("deploy/deployment.yaml", "Deployment");
        JsonNode loader = container(deployment, "loader");

        assertThat(port(loader, "metrics")).isEqualTo(METRICS_PORT);
        assertThat(env(loader, "SQS_PII_ETL_METRICS_PORT")).isEqualTo(String.valueOf(METRICS_PORT));
        assertThat(loader.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(loader.at("/livenessProbe/httpGet/port").asText()).isEqualTo("metrics");
        assertThat(loader.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(loader.at("/readinessProbe/httpGet/port").asText()).isEqualTo("metrics");
        JsonNode scrape = deployment.at("/spec/template/metadata/annotations");
        assertThat(scrape.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(METRICS_PORT));
        assertThat(scrape.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(loader.at("/resources/requests").fieldNames()).toIterable().containsExactlyInAnyOrder("cpu", "memory");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("--metrics-port " + METRICS_PORT, "/health/ready");
    }

    @Test
    void deploymentMountsTheKeysetWhereTheLoaderLooksForIt() throws Exception {
        JsonNode deployment = manifest("deploy/deployment.yaml", "Deployment");
        JsonNode loader = container(deployment, "loader");
        JsonNode mount = only(loader.path("volumeMounts"), "name", "keyset");
        JsonNode volume = only(deployment.at("/spec/template/spec/volumes"), "name", "keyset");

        assertThat(env(loader, "SQS_PII_ETL_KEYSET")).startsWith(mount.path("mountPath").asText() + "/");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo("sqs-pii-etl-keyset");
    }

    /**
     * The kubelet writes the secret's file owned by root, with the pod's fsGroup and group read when it has one
     * ({@link SecretVolumeFile}); the loader, running as the pod's user in its groups, must accept it, and
     * without fsGroup it could not: so a pod of the shipped Deployment can read its keyset and nobody else can.
     */
    @Test
    void podsRunAsANonRootUserWhoseGroupsTheKeysetRuleAcceptsForTheMountedSecret() throws Exception {
        JsonNode deployment = manifest("deploy/deployment.yaml", "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec/securityContext");
        JsonNode volume = only(deployment.at("/spec/template/spec/volumes"), "name", "keyset");
        int defaultMode = volume.at("/secret/defaultMode").asInt();
        int fsGroup = pod.path("fsGroup").asInt();
        int group = pod.path("runAsGroup").asInt();
        ProcessIdentity loader = new ProcessIdentity(pod.path("runAsUser").asInt(), new HashSet<>(List.of(group, fsGroup)));

        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("runAsGroup").isInt()).as("runAsGroup set, rather than whatever the runtime picks").isTrue();
        assertThat(loader.isRoot()).isFalse();
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("\nUSER " + loader.uid() + ":" + group + "\n");
        assertThat(defaultMode & 0007).as("no access for others").isZero();
        assertThat(KeysetAccessRule.judge(new SecretVolumeFile(defaultMode, fsGroup).ownership(), loader))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(KeysetAccessRule.judge(new SecretVolumeFile(defaultMode, null).ownership(), loader))
                .as("without fsGroup").isNotEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void podsGetLongerToStopThanTheLoaderTakesToFinishItsBatches() throws Exception {
        JsonNode deployment = manifest("deploy/deployment.yaml", "Deployment");

        assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .isGreaterThan(Integer.parseInt(env(container(deployment, "loader"), "SQS_PII_ETL_SHUTDOWN_TIMEOUT_S")));
    }

    @Test
    void kedaScalesTheDeploymentOnItsQueueWithTheSqsScaler() throws Exception {
        JsonNode deployment = manifest("deploy/deployment.yaml", "Deployment");
        JsonNode authentication = manifest("deploy/keda-scaledobject.yaml", "TriggerAuthentication");
        JsonNode scaledObject = manifest("deploy/keda-scaledobject.yaml", "ScaledObject");
        JsonNode trigger = only(scaledObject.at("/spec/triggers"), "type", "aws-sqs-queue");
        JsonNode loader = container(deployment, "loader");

        assertThat(scaledObject.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(authentication.at("/metadata/name").asText());
        assertThat(trigger.at("/metadata/queueURL").asText()).isEqualTo(env(loader, "SQS_PII_ETL_QUEUE_URL"));
        assertThat(trigger.at("/metadata/awsRegion").asText()).isEqualTo(env(loader, "SQS_PII_ETL_REGION"));
    }

    @Test
    void ledgerPruneJobRunsTheDocumentedCommandAgainstTheLoadersDatabase() throws Exception {
        JsonNode cronJob = manifest("deploy/ledger-prune-cronjob.yaml", "CronJob");
        JsonNode pruner = only(cronJob.at("/spec/jobTemplate/spec/template/spec/containers"), "name", "prune-ledger");
        JsonNode loader = container(manifest("deploy/deployment.yaml", "Deployment"), "loader");

        assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
        assertThat(pruner.path("args")).containsExactly(YAML.getNodeFactory().textNode("prune-ledger"));
        assertThat(env(pruner, "SQS_PII_ETL_JDBC_URL")).startsWith("jdbc:postgresql://").isEqualTo(env(loader, "SQS_PII_ETL_JDBC_URL"));
        assertThat(env(pruner, "SQS_PII_ETL_DB_USER")).isEqualTo(env(loader, "SQS_PII_ETL_DB_USER"));
        assertThat(envEntry(pruner, "PGPASSWORD").at("/valueFrom/secretKeyRef"))
                .isEqualTo(envEntry(loader, "PGPASSWORD").at("/valueFrom/secretKeyRef"));
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("prune-ledger --jdbc-url URL");
    }

    @Test
    void dashboardQueriesOnlyMetricsTheLoaderExports() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana-dashboard.json").toFile());
        Matcher names = Pattern.compile("sqs_pii_etl_[a-z_]+").matcher(dashboard.toString());
        int found = 0;
        while (names.find()) {
            assertThat(names.group()).matches("sqs_pii_etl_(messages_(received|loaded|quarantined|redelivered|deleted)_total"
                    + "|messages_in_flight|queue_messages|errors_total|commit_latency_seconds_bucket"
                    + "|batch_size_messages_(sum|count|bucket))");
            found++;
        }
        assertThat(found).isGreaterThan(10);
    }

    /** The one document of the given kind in a multi-document manifest. */
    private static JsonNode manifest(String file, String kind) throws IOException {
        List<JsonNode> documents = YAML.readValues(YAML.createParser(ROOT.resolve(file).toFile()), JsonNode.class).readAll();
        List<JsonNode> ofKind = documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
        assertThat(ofKind).as("documents of kind %s in %s", kind, file).hasSize(1);
        return ofKind.get(0);
    }

    private static JsonNode container(JsonNode workload, String name) {
        return only(workload.at("/spec/template/spec/containers"), "name", name);
    }

    /** The one element of {@code array} whose {@code field} is {@code value}. */
    private static JsonNode only(JsonNode array, String field, String value) {
        List<JsonNode> matching = StreamSupport.stream(array.spliterator(), false)
                .filter(element -> value.equals(element.path(field).asText())).toList();
        assertThat(matching).as("elements with %s=%s", field, value).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        return only(container.path("env"), "name", name);
    }

    private static String env(JsonNode container, String name) {
        JsonNode value = envEntry(container, name).path("value");
        assertThat(value.isTextual()).as("%s has a literal value", name).isTrue();
        return value.asText();
    }

    private static int port(JsonNode container, String name) {
        return only(container.path("ports"), "name", name).path("containerPort").asInt();
    }
}
