package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.lambda.SqsEvents.Sent;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.QuarantineEntries;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda handler driven with SQS events in Lambda's own JSON, against the embedded PostgreSQL over the wire:
 * exact rows, exactly once across redeliveries and retries of failed messages, and each failure reported the
 * way the event source mapping acts on it (an outage fails the invocation, a systemic refusal reports every
 * message not committed, a FIFO group's first failure fails the rest of its group).
 */
class SqsHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's function timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private String jdbcUrl;
    private FunctionDeployment deployment;

    @BeforeEach
    void deploy() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
        deployment = FunctionDeployment.create(dir, jdbcUrl);
    }

    @Test
    void takeHomeDatasetLoadsExactlyInBatchesOfTen() throws Exception {
        SqsHandler handler = deployment.handler();
        List<String> sample = SyntheticLogins.takeHomeSample();
        List<Sent> sent = sample.stream().map(Sent::of).toList();

        for (int from = 0; from < sent.size(); from += 10) {
            assertThat(failures(handler.handleRequest(standard(sent.subList(from, from + 10)), context()))).isEmpty();
        }

        Map<String, List<String>> rows = loadedRowsByUserId(deployment.keyset());
        assertThat(rows).hasSize(99);
        for (String body : sample) {
            JsonNode event = JSON.readTree(body);
            if (event.has("user_id")) {
                assertThat(rows.get(event.get("user_id").asText())).containsExactly(event.get("device_type").asText(),
                        event.get("ip").asText(), event.get("device_id").asText(),
                        event.get("locale").isNull() ? null : event.get("locale").asText());
            }
        }
        assertThat(QuarantineEntries.opened(jdbcUrl, deployment.keyset())).containsExactly(
                "missing_field|user_id|" + SyntheticLogins.WRONG_TYPE_BODY);
        assertThat(count("sqs_pii_etl_ledger")).isEqualTo(100);
    }

    @Test
    void batchDeliveredTwiceLoadsOnce() throws Exception {
        SqsHandler handler = deployment.handler();
        List<Sent> sent = logins("twice-", 10);

        assertThat(failures(handler.handleRequest(standard(sent), context()))).isEmpty();
        assertThat(failures(handler.handleRequest(standard(sent.stream().map(Sent::again).toList()), context()))).isEmpty();

        assertThat(Sql.firstColumn(jdbcUrl, "SELECT user_id FROM user_logins ORDER BY user_id"))
                .containsExactlyElementsOf(userIds("twice-", 10));
        assertThat(count("sqs_pii_etl_ledger")).isEqualTo(10);
    }

    @Test
    void partlyFailedBatchRetriedWithOnlyItsFailedMessagesLoadsExactly() throws Exception {
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ADD CONSTRAINT no_bad_ids CHECK (user_id NOT LIKE 'bad-%')");
        SqsHandler handler = deployment.handler();
        List<Sent> sent = new ArrayList<>(logins("good-", 5));
        sent.addAll(logins("bad-", 25));

        List<String> failed = failures(handler.handleRequest(standard(sent), context()));

        assertThat(failed).as("the refused records and all after the breaker tripped, in order")
                .containsExactlyElementsOf(sent.subList(5, 30).stream().map(Sent::messageId).toList());
        assertThat(count("user_logins")).isEqualTo(5);
        assertThat(count("user_logins_quarantine")).as("a broken table is not bad data").isZero();

        Sql.execute(jdbcUrl, "ALTER TABLE user_logins DROP CONSTRAINT no_bad_ids"); // the DBA's fix
        List<Sent> retried = sent.stream().filter(message -> failed.contains(message.messageId())).map(Sent::again).toList();
        assertThat(failures(handler.handleRequest(standard(retried), context()))).isEmpty();

        List<String> expected = new ArrayList<>(userIds("bad-", 25));
        expected.addAll(userIds("good-", 5));
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT user_id FROM user_logins ORDER BY user_id"))
                .containsExactlyInAnyOrderElementsOf(expected).hasSize(30);
        assertThat(count("sqs_pii_etl_ledger")).isEqualTo(30);
    }

    @Test
    void databaseOutageFailsTheInvocationAndTheRetryLoadsOnce() throws Exception {
        try (TcpRelay relay = TestServices.postgresRelay()) {
            FunctionDeployment throughRelay = new FunctionDeployment(deployment.taskRoot(), deployment.keyset(),
                    TestServices.throughRelay(jdbcUrl, relay));
            SqsHandler handler = throughRelay.handler();
            List<Sent> sent = logins("outage-", 10);
            relay.cut();

            // Two seconds more than the attempt reserve: the handler retries for about two seconds, then gives up.
            TestContext shortOfTime = TestContext.startingNow(SqsHandler.ATTEMPT_RESERVE.plusSeconds(2));
            long start = System.nanoTime();
            assertThatThrownBy(() -> handler.handleRequest(standard(sent), shortOfTime))
                    .isInstanceOf(BatchFailedException.class)
                    .hasMessageStartingWith("PostgreSQL unavailable: ")
                    .hasMessageEndingWith("; gave up retrying before the deadline, the messages not committed stay on the queue");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
            assertThat(count("sqs_pii_etl_ledger")).isZero();

            relay.restore();
            assertThat(failures(handler.handleRequest(standard(sent.stream().map(Sent::again).toList()), context()))).isEmpty();
        }
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT user_id FROM user_logins ORDER BY user_id"))
                .containsExactlyElementsOf(userIds("outage-", 10));
    }

    @Test
    void systemicRefusalReportsEveryMessageAsFailedAndQuarantinesNothing() throws Exception {
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ALTER COLUMN user_id TYPE varchar(8)");
        SqsHandler handler = deployment.handler();
        List<Sent> first = logins("too-long-user-id-", 30);
        List<Sent> second = logins("too-long-again-", 5);

        assertThat(failures(handler.handleRequest(standard(first), context())))
                .containsExactlyElementsOf(first.stream().map(Sent::messageId).toList());
        assertThat(failures(handler.handleRequest(standard(second), context()))).as("the breaker stays tripped")
                .containsExactlyElementsOf(second.stream().map(Sent::messageId).toList());

        assertThat(count("user_logins")).isZero();
        assertThat(count("user_logins_quarantine")).isZero();
        assertThat(count("sqs_pii_etl_ledger")).isZero();
    }

    @Test
    void onAFifoQueueAGroupsFirstFailureFailsTheRestOfItsGroup() throws Exception {
        List<Sent> batch = refusalTripsInTheMiddleOf(SqsEvents.FIFO_QUEUE);
        // B1 (quarantined by its own rule) and A2 (too) are committed; A1 and A3 are refused, and the breaker
        // trips at A3, holding back B2 and A4. A2 follows A1 in group A: reported too, so A keeps its order.
        assertThat(lastFailures).containsExactly(id(batch, "a1"), id(batch, "a2"), id(batch, "a3"), id(batch, "b2"),
                id(batch, "a4"));
    }

    @Test
    void onAStandardQueueTheSameBatchReportsOnlyWhatIsNotCommitted() throws Exception {
        List<Sent> batch = refusalTripsInTheMiddleOf(SqsEvents.STANDARD_QUEUE);
        assertThat(lastFailures).containsExactly(id(batch, "a1"), id(batch, "a3"), id(batch, "b2"), id(batch, "a4"));
    }

    @Test
    void checkpointClosesTheConnectionAndRestoreOpensItAgain() throws Exception {
        SqsHandler handler = deployment.handler();
        String ours = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'sqs-pii-etl'";
        assertThat(TestServices.count(jdbcUrl, ours)).isEqualTo(1);

        handler.beforeCheckpoint(null);
        Await.until(Duration.ofSeconds(10), () -> TestServices.count(jdbcUrl, ours) == 0);

        handler.afterRestore(null);
        assertThat(TestServices.count(jdbcUrl, ours)).isEqualTo(1);
        assertThat(failures(handler.handleRequest(standard(logins("restored-", 10)), context()))).isEmpty();
        assertThat(count("user_logins")).isEqualTo(10);
    }

    @Test
    void restoreWithTheDatabaseUnreachableLeavesTheFirstBatchToConnect() throws Exception {
        try (TcpRelay relay = TestServices.postgresRelay()) {
            SqsHandler handler = new FunctionDeployment(deployment.taskRoot(), deployment.keyset(),
                    TestServices.throughRelay(jdbcUrl, relay)).handler();
            handler.beforeCheckpoint(null);
            relay.cut();
            handler.afterRestore(null); // logs, does not fail the restore
            relay.restore();
            assertThat(failures(handler.handleRequest(standard(logins("late-", 10)), context()))).isEmpty();
        }
        assertThat(count("user_logins")).isEqualTo(10);
    }

    @Test
    void coldStartAndWarmInvocationOfTenMessagesAreTimed() throws Exception {
        long start = System.nanoTime();
        SqsHandler handler = deployment.handler();
        long initialized = System.nanoTime();
        assertThat(failures(handler.handleRequest(standard(logins("cold-", 10)), context()))).isEmpty();
        long cold = System.nanoTime();
        assertThat(failures(handler.handleRequest(standard(logins("warm-", 10)), context()))).isEmpty();
        long warm = System.nanoTime();

        Duration init = Duration.ofNanos(initialized - start);
        Duration coldStart = Duration.ofNanos(cold - start);
        Duration warmBatch = Duration.ofNanos(warm - cold);
        System.out.printf("Lambda handler in this JVM: cold start (init and a first batch of 10) %d ms, of which init %d ms;"
                + " warm batch of 10 %d ms%n", coldStart.toMillis(), init.toMillis(), warmBatch.toMillis());
        assertThat(coldStart).isLessThan(Duration.ofSeconds(60));
        assertThat(warmBatch).isLessThan(Duration.ofSeconds(10)).isLessThan(coldStart);
        assertThat(count("user_logins")).isEqualTo(20);
    }

    @Test
    void keysetOutsideThePackageOpenToOthersFailsTheInitNamingTheVariable() throws Exception {
        Path outside = dir.resolve("elsewhere.json");
        MaskingKeyset.generate().writeNew(outside);
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> environment = new HashMap<>(deployment.environment());
        environment.put("SQS_PII_ETL_KEYSET", outside.toString());

        assertThatThrownBy(() -> new SqsHandler(environment, Clock.systemUTC()))
                .isInstanceOf(InitException.class)
                .hasMessage("SQS_PII_ETL_KEYSET: keyset file " + outside + " (owner uid " + Files.getAttribute(outside, "unix:uid")
                        + ", group " + Files.getAttribute(outside, "unix:gid") + ", mode 0644) is open to "
                        + "other users; run 'chmod o-rwx " + outside + "' (a Kubernetes secret: defaultMode 0400 with the pod's fsGroup)");
    }

    @Test
    void keysetOfAnotherKeyThanTheDatabasesFailsTheInitNamingTheVariable() throws Exception {
        deployment.handler(); // binds the database to the packaged keyset
        FunctionDeployment other = FunctionDeployment.create(dir.resolve("other"), jdbcUrl);

        assertThatThrownBy(other::handler).isInstanceOf(InitException.class)
                .hasMessageStartingWith("SQS_PII_ETL_KEYSET: the masked columns in this database are in deterministic mode with key ");
        assertThatThrownBy(() -> new SqsHandler(Map.of("SQS_PII_ETL_KEYSET", "keyset.json"), Clock.systemUTC()))
                .hasMessage("SQS_PII_ETL_JDBC_URL is required");
    }

    /** The failures of the last batch of {@link #refusalTripsInTheMiddleOf}. */
    private List<String> lastFailures;

    /**
     * A breaker at 18 refusals in a row (two batches of nine refused records before, quarantined as poison:
     * too few alike to call the table broken), then a batch of two groups in which it trips at the third.
     */
    private List<Sent> refusalTripsInTheMiddleOf(String queueArn) throws Exception {
        Sql.execute(jdbcUrl, "ALTER TABLE user_logins ADD CONSTRAINT no_bad_ids CHECK (user_id NOT LIKE 'bad-%')");
        SqsHandler handler = deployment.handler();
        boolean fifo = queueArn.equals(SqsEvents.FIFO_QUEUE);
        for (int batch = 0; batch < 2; batch++) {
            List<Sent> refused = IntStream.range(0, 9).mapToObj(i -> fifo ? Sent.inGroup("c", login("bad-c" + i))
                    : Sent.of(login("bad-c" + i))).toList();
            assertThat(failures(handler.handleRequest(SqsEvents.event(queueArn, refused), context()))).isEmpty();
        }
        assertThat(count("user_logins_quarantine")).isEqualTo(18);
        List<Sent> batch = List.of(
                sent(fifo, "b", "b1", SyntheticLogins.WRONG_TYPE_BODY),
                sent(fifo, "a", "a1", login("bad-a1")),
                sent(fifo, "a", "a2", SyntheticLogins.WRONG_TYPE_BODY),
                sent(fifo, "a", "a3", login("bad-a3")),
                sent(fifo, "b", "b2", login("good-b2")),
                sent(fifo, "a", "a4", login("good-a4")));
        lastFailures = failures(handler.handleRequest(SqsEvents.event(queueArn, batch), context()));
        assertThat(count("user_logins")).isZero();
        assertThat(count("user_logins_quarantine")).as("b1 and a2, by their own rule").isEqualTo(20);
        return batch;
    }

    private static Sent sent(boolean fifo, String group, String name, String body) {
        return new Sent(name, body, Instant.now(), 1, fifo ? group : null);
    }

    private static String id(List<Sent> batch, String name) {
        return batch.stream().filter(message -> message.messageId().equals(name)).findFirst().orElseThrow().messageId();
    }

    private static SQSEvent standard(List<Sent> sent) {
        return SqsEvents.event(SqsEvents.STANDARD_QUEUE, sent);
    }

    private static TestContext context() {
        return TestContext.startingNow(TIMEOUT);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    private static List<Sent> logins(String prefix, int count) {
        return userIds(prefix, count).stream().map(userId -> Sent.of(login(userId))).toList();
    }

    private static List<String> userIds(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + String.format("%02d", i)).toList();
    }

    private static String login(String userId) {
        return "{\"user_id\": \"" + userId + "\", \"device_type\": \"ios\", \"ip\": \"10.0.0.1\"}";
    }

    private long count(String table) throws Exception {
        return TestServices.count(jdbcUrl, "SELECT count(*) FROM " + table);
    }

    /** Each row's device type, ip and device id revealed, and locale, by user id. */
    private Map<String, List<String>> loadedRowsByUserId(MaskingKeyset keyset) throws Exception {
        Map<String, List<String>> rows = new HashMap<>();
        FieldMasker masker = keyset.fieldMasker();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT user_id, device_type, masked_ip, masked_device_id, locale FROM user_logins")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                row.add(rs.getString(2));
                row.add(masker.reveal(LoginDomains.IP, rs.getString(3)));
                row.add(masker.reveal(LoginDomains.DEVICE_ID, rs.getString(4)));
                row.add(rs.getString(5));
                assertThat(rows.put(rs.getString(1), row)).as("user_id loaded once").isNull();
            }
        }
        return rows;
    }

}
