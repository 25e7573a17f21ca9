package io.sqspiietl.source;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code --sqs-protocol auto}: speaks JSON until the endpoint answers a JSON request the way only a
 * legacy, query-only endpoint does, then builds the query client, repeats that call on it and uses it
 * for good, logging one INFO line. Thread-safe; concurrent callers that fail together switch once.
 *
 * <p>A switch is only made on an unmistakable sign (see {@link #isLegacyOnlyAnswer}), never on a bare
 * 5xx: real AWS answers JSON requests with JSON errors, so its transient failures stay transient
 * failures. Repeating the failed call is safe because a refused request changed nothing.
 */
final class FallbackSqsClient implements SqsClient {
    /** What a query endpoint answers to a request that names no Action it knows. */
    private static final Set<String> UNKNOWN_OPERATION_CODES =
            Set.of("InvalidAction", "UnknownOperation", "UnknownOperationException");
    private static final Logger LOG = LoggerFactory.getLogger(FallbackSqsClient.class);

    private final SqsClient json;
    private final Supplier<SqsClient> queryFactory;
    private final String endpoint;
    private volatile SqsClient query;

    /**
     * @param json         the JSON client, tried first; owned and closed by this client
     * @param queryFactory builds the query client on the first legacy answer; the result is owned here
     * @param endpoint     the endpoint as shown in the log line
     */
    FallbackSqsClient(SqsClient json, Supplier<SqsClient> queryFactory, String endpoint) {
        this.json = json;
        this.queryFactory = queryFactory;
        this.endpoint = endpoint;
    }

    /**
     * True when a JSON request was answered in the legacy protocol: an XML error body with HTTP 400 or
     * 500 (the JSON protocol's errors are JSON), or an unknown-operation error code.
     */
    static boolean isLegacyOnlyAnswer(SdkException failure) {
        if (!(failure instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            return false;
        }
        AwsErrorDetails details = service.awsErrorDetails();
        if (details.errorCode() != null && UNKNOWN_OPERATION_CODES.contains(details.errorCode())) {
            return true;
        }
        if ((service.statusCode() != 500 && service.statusCode() != 400) || details.rawResponse() == null) {
            return false;
        }
        String body = details.rawResponse().asUtf8String().stripLeading();
        return body.startsWith("<") && (body.contains("<ErrorResponse") || body.contains("<Error>"));
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return call(client -> client.getQueueUrl(request));
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        return call(client -> client.getQueueAttributes(request));
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        return call(client -> client.receiveMessage(request));
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        return call(client -> client.deleteMessageBatch(request));
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest request) {
        return call(client -> client.changeMessageVisibilityBatch(request));
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        return call(client -> client.sendMessageBatch(request));
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Closes the JSON client and, if it was built, the query client. */
    @Override
    public void close() {
        json.close();
        SqsClient legacy = query;
        if (legacy != null) {
            legacy.close();
        }
    }

    private <R> R call(Function<SqsClient, R> operation) {
        SqsClient legacy = query;
        if (legacy != null) {
            return operation.apply(legacy);
        }
        try {
            return operation.apply(json);
        } catch (SdkException e) {
            if (!isLegacyOnlyAnswer(e)) {
                throw e;
            }
            return operation.apply(switchToQuery());
        }
    }

    private synchronized SqsClient switchToQuery() {
        if (query == null) {
            query = queryFactory.get();
            LOG.info("SQS endpoint {} answers only the legacy query protocol; switched to --sqs-protocol query",
                    endpoint);
        }
        return query;
    }
}
