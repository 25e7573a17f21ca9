package io.sqspiietl.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ) running inside this JVM on {@code 127.0.0.1} and a free port, with an AWS
 * SDK client pointed at it.
 *
 * <p>Queues are in memory and standard (not FIFO) unless created otherwise through {@link #client()}; they vanish
 * on {@link #close()}. ElasticMQ accepts any credentials; the client uses fixed dummy ones and region
 * {@code us-east-1}, which is also the region in the queue ARNs.
 *
 * <p>ElasticMQ runs on Pekko. Its actor system here logs only warnings and errors (to SLF4J) and never prints
 * to stdout or exits the JVM on a fatal error, which an embedded library has no business doing. ElasticMQ's own
 * SLF4J loggers ({@code org.elasticmq}) log queue creation at INFO; the application's logging configuration
 * decides whether to show that.
 */
public final class EmbeddedSqs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);
    private static final String HOST = "127.0.0.1";
    private static final String REGION = "us-east-1";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSqs(ActorSystem actorSystem, SQSRestServer server, URI endpoint) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * Starts ElasticMQ and waits until it accepts requests.
     *
     * @return the running server; the caller must {@link #close()} it
     */
    public static EmbeddedSqs start() {
        ActorSystem actorSystem = ActorSystem.create("embedded-sqs", quietPekko());
        try {
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actorSystem)
                    .withInterface(HOST)
                    // Port 0 plus a server address derived from the bound port, so queue URLs point at it.
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .start();
            int port = server.waitUntilStarted().localAddress().getPort();
            URI endpoint = URI.create("http://" + HOST + ":" + port);
            log.info("ElasticMQ listening on {}", endpoint);
            return new EmbeddedSqs(actorSystem, server, endpoint);
        } catch (RuntimeException e) {
            actorSystem.terminate();
            throw new EmbeddedServiceException("Could not start ElasticMQ", e);
        }
    }

    /** The base URL to use as the SQS endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * A synchronous SQS client for this server, shared by all callers and closed by {@link #close()}; callers
     * must not close it themselves.
     */
    public SqsClient client() {
        return client;
    }

    /**
     * Creates a standard queue, or returns the existing one of that name.
     *
     * @return the queue URL, e.g. {@code http://127.0.0.1:41234/000000000000/events}
     */
    public String createQueue(String name) {
        return client.createQueue(request -> request.queueName(name)).queueUrl();
    }

    /** Closes the client, stops the server and shuts Pekko down, waiting for each. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.close();
        server.stopAndWait();
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture()
                    .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("ElasticMQ's actor system did not shut down cleanly", e);
        }
        log.info("ElasticMQ on {} stopped", endpoint);
    }

    private static Config quietPekko() {
        return ConfigFactory.parseMap(Map.of(
                "pekko.loglevel", "WARNING",
                // Pekko prints to stdout while its SLF4J logger is not yet (or no longer) running.
                "pekko.stdout-loglevel", "OFF",
                "pekko.jvm-exit-on-fatal-error", "off"))
                .withFallback(ConfigFactory.load());
    }
}
