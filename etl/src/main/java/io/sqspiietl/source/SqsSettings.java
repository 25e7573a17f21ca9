package io.sqspiietl.source;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the queue is and how to reach it.
 *
 * @param region      the AWS region, used for signing even against local endpoints
 * @param endpoint    an endpoint override (LocalStack, ElasticMQ), or {@code null} for AWS itself
 * @param queueUrl    the queue URL, or {@code null} to look the queue up by {@code queueName}
 * @param queueName   the queue name, used when {@code queueUrl} is {@code null}
 * @param credentials where credentials come from; normally the SDK's default provider chain
 * @param maxConnections HTTP connections to keep: at least the concurrent receivers plus deleters
 * @param protocol    the wire protocol; {@link SqsProtocol#AUTO} finds out
 *
 * <p>No SQS call waits without bound, in either protocol: connecting takes at most
 * {@link #CONNECT_TIMEOUT}, waiting for a pooled connection {@link #ACQUIRE_TIMEOUT}, each read of
 * the answer {@link #READ_TIMEOUT} and each attempt in all {@link #ATTEMPT_TIMEOUT}; with the retry
 * strategy's three attempts and their backoff ({@link SqsRetries}) a whole call ends within
 * {@link #CALL_TIMEOUT}. A connection that goes silent (no FIN, no RST) fails the attempt using it
 * after at most 30 s, and the retry takes a connection that has worked since the silence began, or a
 * new one: a pooled connection unused for {@link #MAX_IDLE} is not reused.
 */
public record SqsSettings(Region region, URI endpoint, String queueUrl, String queueName,
                          AwsCredentialsProvider credentials, int maxConnections, SqsProtocol protocol) {
    /** TCP connect, the SDK's own default, stated. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A free connection of the pool, which is sized for every receiver and deleter, so rarely waited for. */
    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    /** Any one read; a long poll answers within 20 s, so this is its wait and 10 s for the answer to arrive. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * One attempt from sending the request to reading the last byte: the long poll's 30 s again,
     * which also ends a request whose write is stuck or an answer that trickles in.
     */
    static final Duration ATTEMPT_TIMEOUT = READ_TIMEOUT;
    /** Three attempts of 30 s, the waits between them (under a second) and the connects. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(100);
    /**
     * How long a connection may sit unused in the pool and still be handed out; an older one is closed
     * and replaced, which costs a handshake (milliseconds). A silence that begins while a connection
     * sits idle leaves it silent too, and without this bound the pool would hand it to the retry of an
     * attempt that the same silence timed out: that call would wait a second {@link #ATTEMPT_TIMEOUT}.
     *
     * <p>The arithmetic, for a silence that begins at T: a connection idle at T is not handed out after
     * T + 5 s. An attempt under way at T has waited at most a long poll ({@link
     * SqsMessageSource#MAX_WAIT_SECONDS}, 20 s; other calls are answered at once), so it fails at T + 10 s
     * or later and its retry gets a connection that works: the silence costs that call one {@link
     * #ATTEMPT_TIMEOUT}. A call that starts before T + 5 s may take an idle silent connection and is
     * retried on a working one by T + 35 s. So a silence costs any call at most 35 s, plus the backoff
     * before its retry and its own time. This must stay under {@code ATTEMPT_TIMEOUT} minus the long
     * poll, or a long poll's retry could meet an idle silent connection.
     */
    static final Duration MAX_IDLE = Duration.ofSeconds(5);

    public SqsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(protocol, "protocol");
        if (queueUrl == null && queueName == null) {
            throw new IllegalArgumentException("either a queue URL or a queue name is required");
        }
    }

    /** The same settings with an HTTP connection pool of at least {@code connections}. */
    public SqsSettings withAtLeastConnections(int connections) {
        return new SqsSettings(region, endpoint, queueUrl, queueName, credentials, Math.max(maxConnections, connections),
                protocol);
    }

    /** Settings with the SDK's default credentials provider chain. */
    public static SqsSettings withDefaultCredentials(Region region, URI endpoint, String queueUrl,
                                                     String queueName, int maxConnections, SqsProtocol protocol) {
        return new SqsSettings(region, endpoint, queueUrl, queueName,
                DefaultCredentialsProvider.builder().build(), maxConnections, protocol);
    }

    /**
     * Builds a client for these settings that speaks {@link #protocol()}; the caller owns and closes it.
     * Whatever the protocol, it is an SDK {@link SqsClient} with the SDK's credentials, signing, HTTP
     * client, retry strategy and exceptions, so its users cannot tell the protocols apart.
     */
    public SqsClient createClient() {
        return switch (protocol) {
            case JSON -> jsonClient();
            case QUERY -> queryClient();
            case AUTO -> new FallbackSqsClient(jsonClient(), this::queryClient, queryEndpoint().toString());
        };
    }

    private SqsClient jsonClient() {
        var builder = SqsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(configuration -> configuration.retryStrategy(SqsRetries.strategy())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT))
                .httpClientBuilder(httpClient());
        URI effectiveEndpoint = effectiveEndpoint();
        if (effectiveEndpoint != null) {
            builder.endpointOverride(effectiveEndpoint);
        }
        return builder.build();
    }

    private SqsClient queryClient() {
        return new QuerySqsClient(new QueryTransport(httpClient().build(), queryEndpoint(), region, credentials));
    }

    private ApacheHttpClient.Builder httpClient() {
        return ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(CONNECT_TIMEOUT)
                .connectionAcquisitionTimeout(ACQUIRE_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .connectionMaxIdleTime(MAX_IDLE);
    }

    /** Where query requests go: the effective endpoint, or else the region's SQS endpoint. */
    URI queryEndpoint() {
        URI effectiveEndpoint = effectiveEndpoint();
        return effectiveEndpoint != null ? effectiveEndpoint
                : URI.create("https://" + ServiceMetadata.of(SqsClient.SERVICE_METADATA_ID).endpointFor(region));
    }

    /**
     * Connects to the queue: builds a client, looks the queue up when only a name was given, and asks
     * for its counts once. That call proves the queue reachable before anything is received, and it
     * pays the client's first-call costs (the protocol's marshalling, signing, the first connection;
     * a fifth of a second in a fresh JVM) while the caller is still busy with the database.
     *
     * @return the source; the caller owns and closes it
     * @throws SourceException if the queue cannot be found or reached
     */
    public MessageSource openSource() throws SourceException {
        SqsClient client = createClient();
        try {
            SqsMessageSource source = new SqsMessageSource(client, resolveQueueUrl(client));
            source.backlog();
            return source;
        } catch (SourceException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The queue URL, looking it up by name when only the name was given. */
    public String resolveQueueUrl(SqsClient client) throws SourceException {
        if (queueUrl != null) {
            return queueUrl;
        }
        try {
            return client.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
        } catch (SdkException e) {
            throw SqsFailures.classify("look-up of queue '" + queueName + "'", e);
        }
    }

    /**
     * The explicit endpoint, or else the origin of a non-AWS queue URL, so that
     * {@code --queue-url http://localhost:4566/000000000000/login-queue} alone reaches LocalStack.
     */
    URI effectiveEndpoint() {
        if (endpoint != null || queueUrl == null) {
            return endpoint;
        }
        URI url = URI.create(queueUrl);
        if (url.getHost() == null || url.getHost().endsWith(".amazonaws.com")) {
            return null;
        }
        return URI.create(url.getScheme() + "://" + url.getAuthority());
    }
}
