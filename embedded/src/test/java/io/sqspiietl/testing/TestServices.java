package io.sqspiietl.testing;

import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.EmbeddedSqs;
import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One ElasticMQ and one PostgreSQL server per test JVM, started on first use and stopped by their own
 * shutdown hooks. Every test gets a fresh queue and a fresh database, so tests never see each other.
 */
public final class TestServices {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedSqs sqs;
    private static EmbeddedPostgres postgres;

    private TestServices() {
    }

    public static synchronized EmbeddedSqs sqs() {
        if (sqs == null) {
            sqs = EmbeddedSqs.start();
        }
        return sqs;
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgres.start();
        }
        return postgres;
    }

    /** A new, empty queue with default attributes. */
    public static String newQueue() {
        return newQueue(Map.of());
    }

    /** A new, empty queue with the given attributes, e.g. a short visibility timeout. */
    public static String newQueue(Map<QueueAttributeName, String> attributes) {
        String name = "test-queue-" + SEQUENCE.incrementAndGet();
        return sqs().client().createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    /** A new, empty database; returns its JDBC URL. */
    public static String newDatabase() {
        String name = "test_db_" + SEQUENCE.incrementAndGet();
        postgres().createDatabase(name);
        return postgres().jdbcUrl(name);
    }

    /** A new database holding the tool's schema (as a loader creates it) and no data; returns its JDBC URL. */
    public static String newDatabaseWithSchema() throws SinkException {
        String jdbcUrl = newDatabase();
        installSchema(jdbcUrl);
        return jdbcUrl;
    }

    /** Creates the tool's schema in the database, as a loader does when it starts. */
    public static void installSchema(String jdbcUrl) throws SinkException {
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
        }
    }

    /** A relay in front of the test PostgreSQL server, to inject faults on the wire; the caller closes it. */
    public static TcpRelay postgresRelay() throws IOException {
        return TcpRelay.start(URI.create("tcp://127.0.0.1:" + postgres().port()), Duration.ZERO);
    }

    /** The JDBC URL of the same database, reached through {@code relay}. */
    public static String throughRelay(String jdbcUrl, TcpRelay relay) {
        return jdbcUrl.replace("//127.0.0.1:" + postgres().port() + "/", "//127.0.0.1:" + relay.port() + "/");
    }

    /** Settings that reach the test queue in the given protocol with dummy credentials, sized for the default pipeline. */
    public static SqsSettings sqsSettings(String queueUrl, SqsProtocol protocol) {
        return new SqsSettings(Region.US_EAST_1, sqs().endpoint(), queueUrl, null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                PipelineSettings.defaults(true).sqsConnections(), protocol);
    }

    /** A source for the test queue speaking the given protocol; the caller closes it. */
    public static MessageSource messageSource(String queueUrl, SqsProtocol protocol) {
        return new SqsMessageSource(sqsSettings(queueUrl, protocol).createClient(), queueUrl);
    }

    /** Sends the bodies to the test queue in the given protocol, as {@code seed} would. */
    public static void send(String queueUrl, SqsProtocol protocol, List<String> bodies) {
        try (SqsClient client = sqsSettings(queueUrl, protocol).createClient()) {
            new QueueSeeder(client, queueUrl).send(bodies);
        }
    }

    /** Sends each body as a message of its own, in order, and returns their SQS MessageIds. */
    public static List<String> sendEach(String queueUrl, List<String> bodies) {
        return bodies.stream().map(body -> sqs().client()
                .sendMessage(request -> request.queueUrl(queueUrl).messageBody(body)).messageId()).toList();
    }

    /** The queue's approximate counts, straight from the server. */
    public static QueueBacklog backlog(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs().client().getQueueAttributes(request -> request
                .queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL)).attributes();
        return new QueueBacklog(
                Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
    }

    /** Runs a query returning one number. */
    public static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
