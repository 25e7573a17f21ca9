package io.sqspiietl.cli;

import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** Options that locate the queue; shared by every command that talks to SQS. */
final class SqsOptions {
    @Option(names = "--queue-url", paramLabel = "URL", defaultValue = "${env:SQS_PII_ETL_QUEUE_URL}",
            description = "Queue URL. Env: SQS_PII_ETL_QUEUE_URL.")
    String queueUrl;

    @Option(names = "--queue", paramLabel = "NAME", defaultValue = "${env:SQS_PII_ETL_QUEUE}",
            description = "Queue name, looked up with GetQueueUrl (instead of --queue-url). Env: SQS_PII_ETL_QUEUE.")
    String queueName;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", defaultValue = "${env:SQS_PII_ETL_SQS_ENDPOINT}",
            description = "SQS endpoint override, e.g. http://localhost:4566 for LocalStack. Env: SQS_PII_ETL_SQS_ENDPOINT.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            defaultValue = "${env:SQS_PII_ETL_REGION:-${env:AWS_REGION:-us-east-1}}",
            description = "AWS region (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_REGION, then AWS_REGION.")
    String region;

    @Option(names = "--sqs-protocol", paramLabel = "auto|json|query",
            defaultValue = "${env:SQS_PII_ETL_SQS_PROTOCOL:-auto}",
            description = "SQS wire protocol (default: ${DEFAULT-VALUE}): json, the legacy query (XML) protocol that "
                    + "LocalStack before 3.0 needs, or auto, which starts with json and switches to query once if the "
                    + "endpoint answers only that. Env: SQS_PII_ETL_SQS_PROTOCOL.")
    String protocol;

    /** Validated settings; the credentials come from the AWS SDK's default provider chain. */
    SqsSettings settings(int maxConnections) {
        if ((queueUrl == null) == (queueName == null)) {
            throw new ConfigException("give exactly one of --queue-url and --queue");
        }
        return SqsSettings.withDefaultCredentials(Region.of(region), endpoint(), queueUrl, queueName, maxConnections,
                protocol());
    }

    private SqsProtocol protocol() {
        try {
            return SqsProtocol.fromName(protocol);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--sqs-protocol " + e.getMessage());
        }
    }

    private URI endpoint() {
        if (endpoint == null) {
            return null;
        }
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigException("--sqs-endpoint must be an absolute URL such as http://localhost:4566");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("--sqs-endpoint is not a valid URL: " + e.getReason());
        }
    }
}
