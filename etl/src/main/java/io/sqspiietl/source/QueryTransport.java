package io.sqspiietl.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends SQS query-protocol requests: form-encoded POST, SigV4-signed with the SDK's own signer, over the
 * SDK's own HTTP client, retried by the SDK's retry strategy ({@link SqsRetries}); XML back. Only the
 * wire format is ours, so credentials, signing, connection pooling, timeouts and retries behave exactly
 * as with the JSON client; the one timeout the SDK applies above its HTTP client, the attempt's, is
 * applied here ({@link SqsSettings#ATTEMPT_TIMEOUT}). Thread-safe.
 *
 * <p>Failures are thrown as the SDK would throw them: an {@link SqsException} carrying the error code
 * and HTTP status for an error response, an {@link SdkClientException} for I/O failures and unreadable
 * responses. So {@link SqsFailures} classifies both protocols the same way. No exception text ever
 * carries a request or response body.
 */
final class QueryTransport implements AutoCloseable {
    private static final String SIGNING_NAME = "sqs";

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final RetryStrategy retries = SqsRetries.strategy();
    /** Aborts attempts that outlast {@link SqsSettings#ATTEMPT_TIMEOUT}; one daemon thread per transport. */
    private final ScheduledThreadPoolExecutor attemptDeadlines = attemptDeadlines();

    /**
     * @param http     the HTTP client; owned and closed by this transport
     * @param endpoint where every request is posted, e.g. {@code https://sqs.eu-west-1.amazonaws.com};
     *                 queue operations name their queue in a {@code QueueUrl} parameter, so a queue URL
     *                 whose host is unreachable from here (LocalStack in a container) does not matter
     */
    QueryTransport(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.http = http;
        this.endpoint = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? endpoint.resolve("/") : endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /**
     * Performs the call, with retries.
     *
     * @return the {@code <ActionResult>} element of the response (an empty one if the response has none)
     * @throws SqsException        if SQS answered with an error
     * @throws SdkClientException  if the request could not be sent or the answer could not be read
     */
    XmlElement call(QueryRequest request) {
        return SqsRetries.call(retries, () -> attempt(request));
    }

    private XmlElement attempt(QueryRequest request) {
        byte[] body = request.encode().getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        ContentStreamProvider payload = ContentStreamProvider.fromByteArray(body);
        SignedRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        SdkHttpResponse response;
        byte[] answer;
        ExecutableHttpRequest call = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(payload))
                .build());
        ScheduledFuture<?> deadline = attemptDeadlines.schedule(call::abort,
                SqsSettings.ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            HttpExecuteResponse executed = call.call();
            response = executed.httpResponse();
            answer = readAll(executed);
        } catch (IOException e) {
            throw SdkClientException.builder()
                    .message("SQS " + request.action() + " request failed: " + e.getClass().getSimpleName())
                    .cause(e).build();
        } finally {
            deadline.cancel(false);
        }
        if (!response.isSuccessful()) {
            throw error(request.action(), response, answer);
        }
        try {
            XmlElement result = XmlElement.parse(answer).child(request.action() + "Result");
            return result != null ? result : new XmlElement(request.action() + "Result", "", List.of());
        } catch (XMLStreamException e) {
            throw SdkClientException.builder()
                    .message("SQS " + request.action() + " answered with unreadable XML").cause(e).build();
        }
    }

    @Override
    public void close() {
        attemptDeadlines.shutdownNow();
        http.close();
    }

    private static ScheduledThreadPoolExecutor attemptDeadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "sqs-query-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // one task per attempt: cancelled ones must not pile up
        return executor;
    }

    private static byte[] readAll(HttpExecuteResponse executed) throws IOException {
        if (executed.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = executed.responseBody().get()) {
            return in.readAllBytes();
        }
    }

    /**
     * The exception for an error response: {@code <ErrorResponse><Error><Code>..</Code>}. A body that is
     * not such XML still gives an exception with the HTTP status, which is what classification needs.
     */
    private static SqsException error(String action, SdkHttpResponse response, byte[] answer) {
        String code = null;
        String requestId = null;
        try {
            XmlElement root = XmlElement.parse(answer);
            XmlElement error = root.name().equals("Error") ? root : root.find("Error");
            code = error == null ? null : error.childText("Code");
            requestId = root.childText("RequestId");
        } catch (XMLStreamException e) {
            // not XML (a proxy's HTML page, say): the status alone must do
        }
        // The error's own Message text is left out: SQS may quote request values in it.
        return (SqsException) SqsException.builder()
                .message("SQS " + action + " failed: " + (code == null ? "no error code" : code)
                        + " (HTTP " + response.statusCode() + ")")
                .statusCode(response.statusCode())
                .requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .serviceName("Sqs")
                        .sdkHttpResponse(response)
                        .rawResponse(SdkBytes.fromByteArray(answer))
                        .build())
                .build();
    }
}
