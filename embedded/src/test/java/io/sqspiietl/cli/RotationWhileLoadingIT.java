package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.SivFieldMasker;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestServices;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code keys rotate} and {@code rekey} while loaders run, as replicas do: every batch confirms the
 * key binding in its transaction, so nothing is committed under the old key once {@code rekey} rebound
 * the database, and at the end each device_id and each ip has exactly one mask across the whole table.
 * The messages' device_ids and ips repeat (message {@code i} has device {@code i % DEVICES} and ip
 * {@code i % IPS}), and one in every thousand is not a login event.
 */
class RotationWhileLoadingIT {
    private static final int DEVICES = 7_000;
    private static final int IPS = 5_000;
    private static final Duration LOADED_WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();
    private Path keysetFile;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws Exception {
        keysetFile = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keysetFile);
        jdbcUrl = TestServices.newDatabaseWithSchema();
    }

    @Test
    void rotateAndRekeyWhileTwoServicesLoadLeaveOneMaskPerValue() throws Exception {
        String queueUrl = queue(0, 30_000, Map.of());
        List<LoaderProcess> services = new ArrayList<>();
        try {
            services.add(LoaderProcess.run(serviceArguments(queueUrl, keysetFile)));
            services.add(LoaderProcess.run(serviceArguments(queueUrl, keysetFile)));
            awaitRows(5_000); // a sixth of the first 30,000
            assertThat(cli.execute("keys", "rotate", "--keyset", keysetFile.toString())).as(cli.err()).isZero();
            CompletableFuture<Void> moreArrive = CompletableFuture.runAsync(() -> send(queueUrl, 30_000, 36_000));
            assertThat(cli.execute("rekey", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
            moreArrive.get(1, TimeUnit.MINUTES);
            Await.until(LOADED_WITHIN, () -> TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger") == 36_000);
            for (LoaderProcess service : services) {
                service.terminate();
                assertThat(service.awaitExit(Duration.ofMinutes(1))).as(service.output()).isZero();
                assertThat(service.stderr()).contains("took up the keyset file's new key");
            }
        } finally {
            for (LoaderProcess service : services) {
                service.close();
            }
        }
        assertLoadedOnceWithOneMaskPerValue(queueUrl, 36_000);
    }

    @Test
    void aServiceWhoseKeysetFileStillHoldsTheOldKeyWaitsUnreadyAndResumesWhenTheFileIsRotated() throws Exception {
        Path operatorsCopy = dir.resolve("operators-copy.json");
        MaskingKeyset.read(keysetFile).writeNew(operatorsCopy);
        String queueUrl = queue(0, 2_000, Map.of());
        int port = freePort();
        try (LoaderProcess service = LoaderProcess.run(concat(serviceArguments(queueUrl, keysetFile),
                "--metrics-port", Integer.toString(port)))) {
            awaitRows(rowsOf(2_000));
            assertThat(cli.execute("keys", "rotate", "--keyset", operatorsCopy.toString())).isZero();
            assertThat(cli.execute("rekey", "--keyset", operatorsCopy.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
            send(queueUrl, 2_000, 3_000);

            Await.until(LOADED_WITHIN, () -> readiness(port).statusCode() == 503);
            assertThat(readiness(port).body()).isEqualTo("not ready: sqs=ok postgresql=ok keyset=outdated\n");
            assertThat(rows()).as("nothing loaded under the old key").isEqualTo(rowsOf(2_000));
            assertThat(service.stderr()).contains("loading nothing and not ready until the keyset file holds that key");

            MaskingKeyset.read(operatorsCopy).replace(keysetFile); // as a secret volume updates its file
            awaitRows(rowsOf(3_000));
            Await.until(LOADED_WITHIN, () -> readiness(port).statusCode() == 200);
            service.terminate();
            assertThat(service.awaitExit(Duration.ofMinutes(1))).as(service.output()).isZero();
        }
        assertLoadedOnceWithOneMaskPerValue(queueUrl, 3_000);
    }

    @Test
    void aDrainWhoseDatabaseIsReboundStopsWithOneLineAndTheNextDrainFinishes() throws Exception {
        // A short visibility timeout: the messages the stopped drain held come back soon for the next one.
        String queueUrl = queue(0, 20_000, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
        try (LoaderProcess drain = LoaderProcess.run(concat(serviceArguments(queueUrl, keysetFile), "--until-empty"))) {
            awaitRows(1_000);
            assertThat(cli.execute("keys", "rotate", "--keyset", keysetFile.toString())).isZero();
            assertThat(cli.execute("rekey", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();

            assertThat(drain.awaitExit(Duration.ofMinutes(1))).as(drain.output()).isEqualTo(1);
            assertThat(drain.stderr().lines().filter(line -> line.startsWith("sqs-pii-etl: ")).toList()).singleElement()
                    .asString().startsWith("sqs-pii-etl: the masked columns in this database are now in deterministic mode "
                            + "with key " + MaskingKeyset.read(keysetFile).primaryKeyId())
                    .endsWith("stopped without committing under the old key, the messages stay on the queue: "
                            + "run again with the rotated keyset");
        }
        assertThat(cli.execute(concat(new String[] {"run", "--until-empty"}, serviceArguments(queueUrl, keysetFile))))
                .as(cli.err()).isZero();
        assertLoadedOnceWithOneMaskPerValue(queueUrl, 20_000);
    }

    /**
     * Every valid message exactly once, the others quarantined, the queue empty; every mask and every
     * quarantined body made under the rotated keyset's primary key, each mask revealing the value sent,
     * so each device_id and each ip has one mask.
     */
    private void assertLoadedOnceWithOneMaskPerValue(String queueUrl, int messages) throws Exception {
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(rowsOf(messages));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(rowsOf(messages));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(messages - rowsOf(messages));
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isEqualTo(messages);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));

        MaskingKeyset rotated = MaskingKeyset.read(keysetFile);
        SivFieldMasker masker = rotated.remasker().orElseThrow();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id, masked_device_id, masked_ip FROM user_logins")) {
            while (rs.next()) {
                int i = Integer.parseInt(rs.getString(1).substring("user-".length()));
                assertThat(masker.remask(LoginDomains.DEVICE_ID, rs.getString(2))).as("under the new primary key").isEmpty();
                assertThat(masker.remask(LoginDomains.IP, rs.getString(3))).as("under the new primary key").isEmpty();
                assertThat(masker.reveal(LoginDomains.DEVICE_ID, rs.getString(2))).isEqualTo(deviceId(i));
                assertThat(masker.reveal(LoginDomains.IP, rs.getString(3))).isEqualTo(ip(i));
            }
        }
        long devices = IntStream.range(0, messages).filter(i -> !invalid(i)).map(i -> i % DEVICES).distinct().count();
        long ips = IntStream.range(0, messages).filter(i -> !invalid(i)).map(i -> i % IPS).distinct().count();
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT masked_device_id) FROM user_logins")).isEqualTo(devices);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT masked_ip) FROM user_logins")).isEqualTo(ips);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT message_id, sealed_body FROM user_logins_quarantine")) {
            while (rs.next()) {
                byte[] sealed = rs.getBytes(2);
                String body = rotated.bodySealer().open(rs.getString(1), sealed);
                assertThat(rotated.bodySealer().seal(rs.getString(1), body)).as("sealed under the new primary key").isEqualTo(sealed);
            }
        }
    }

    /** A new queue holding messages {@code from} (inclusive) to {@code to} (exclusive). */
    private static String queue(int from, int to, Map<QueueAttributeName, String> attributes) {
        String queueUrl = TestServices.newQueue(attributes);
        send(queueUrl, from, to);
        return queueUrl;
    }

    private static void send(String queueUrl, int from, int to) {
        new QueueSeeder(TestServices.sqs().client(), queueUrl)
                .send(IntStream.range(from, to).mapToObj(RotationWhileLoadingIT::body).toList());
    }

    private static String body(int i) {
        return invalid(i) ? "{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"" + i + "\"}"
                : String.format(Locale.ROOT, "{\"user_id\": \"user-%d\", \"app_version\": \"2.3.0\", \"ip\": \"%s\", "
                        + "\"device_id\": \"%s\"}", i, ip(i), deviceId(i));
    }

    private static boolean invalid(int i) {
        return i % 1_000 == 500;
    }

    private static String deviceId(int i) {
        int device = i % DEVICES;
        return String.format(Locale.ROOT, "%03d-%02d-%04d", device % 1000, device / 1000, 4242);
    }

    private static String ip(int i) {
        int ip = i % IPS;
        return "10.7." + (ip / 250) + "." + (ip % 250 + 1);
    }

    /** The rows the first {@code messages} messages leave. */
    private static long rowsOf(int messages) {
        return IntStream.range(0, messages).filter(i -> !invalid(i)).count();
    }

    private long rows() throws Exception {
        return TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins");
    }

    private void awaitRows(long rows) throws Exception {
        Await.until(LOADED_WITHIN, () -> rows() >= rows);
    }

    private String[] serviceArguments(String queueUrl, Path keyset) {
        return new String[] {"--queue-url", queueUrl, "--jdbc-url", jdbcUrl, "--keyset", keyset.toString(),
            "--receivers", "4", "--batch-size", "200", "--sqs-protocol", "json"};
    }

    private static String[] concat(String[] arguments, String... more) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static HttpResponse<String> readiness(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
