package io.sqspiietl.cli;

import static io.sqspiietl.testing.SyntheticLoad.assertLoadedExactlyOnce;
import static io.sqspiietl.testing.SyntheticLoad.awaitRows;
import static io.sqspiietl.testing.SyntheticLoad.seededQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * How {@code run} ends on SIGTERM and SIGINT, in a child process: with the run finished, exit 0; with
 * the run outlasting {@code --shutdown-timeout-s}, exit 3 and one line saying what it left. The clean
 * SIGTERM of a loading service is {@code FaultToleranceIT}'s.
 */
class ShutdownIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern LEFT_IN_FLIGHT = Pattern.compile(
            "shutdown timeout of 2 s reached: exiting with (\\d+) messages in flight, which return to the queue");

    @TempDir
    Path dir;

    private Path keyset;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws Exception {
        keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);
        jdbcUrl = TestServices.newDatabaseWithSchema();
    }

    @Test
    void sigintEndsAServiceLikeSigtermWithItsSummaryAndExitZero() throws Exception {
        String queueUrl = seededQueue(100, Map.of());
        try (LoaderProcess service = LoaderProcess.run(service(queueUrl, "30"))) {
            awaitRows(jdbcUrl, 99);
            service.interrupt();
            assertThat(service.awaitExit(EXIT_TIMEOUT)).as(service.output()).isZero();
            assertThat(service.stderr()).contains("shutdown requested (SIGTERM or SIGINT)").doesNotContain("shutdown timeout");
            assertThat(service.stdout()).contains("loaded");
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 100);
    }

    @Test
    void aShutdownThatOutlastsItsTimeoutExitsThreeAndSaysHowManyMessagesItLeft() throws Exception {
        // A short visibility timeout, so what the stopped run left comes back soon for the drain after it.
        String queueUrl = seededQueue(2_000, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
        try (Connection dba = DriverManager.getConnection(jdbcUrl); Statement lock = dba.createStatement()) {
            // A DBA's lock holds the service's first commit, so its in-flight work cannot finish in time.
            dba.setAutoCommit(false);
            lock.execute("LOCK TABLE user_logins IN ACCESS EXCLUSIVE MODE");
            try (LoaderProcess service = LoaderProcess.run(service(queueUrl, "2"))) {
                Await.until(EXIT_TIMEOUT, () -> TestServices.count(jdbcUrl, """
                        SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'user_logins'::regclass
                        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""") == 1);
                long sigterm = System.nanoTime();
                service.terminate();

                assertThat(service.awaitExit(EXIT_TIMEOUT)).as(service.output()).isEqualTo(3);
                assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
                assertThat(service.stderr().lines().filter(line -> line.contains("shutdown timeout"))).singleElement()
                        .satisfies(line -> {
                            Matcher left = LEFT_IN_FLIGHT.matcher(line);
                            assertThat(left.find()).as(line).isTrue();
                            assertThat(Integer.parseInt(left.group(1))).as("messages left in flight").isPositive();
                        });
                assertThat(service.stdout()).as("no summary: the run did not finish").isEmpty();
            }
            dba.rollback();
        }
        try (LoaderProcess drain = LoaderProcess.run(concat(service(queueUrl, "30"), "--until-empty"))) {
            assertThat(drain.awaitExit(EXIT_TIMEOUT)).as(drain.output()).isZero();
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 2_000);
    }

    private String[] service(String queueUrl, String shutdownTimeoutSeconds) {
        return new String[] {"--queue-url", queueUrl, "--jdbc-url", jdbcUrl, "--keyset", keyset.toString(),
            "--receivers", "4", "--batch-size", "200", "--sqs-protocol", "json", "--shutdown-timeout-s", shutdownTimeoutSeconds};
    }

    private static String[] concat(String[] arguments, String more) {
        String[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = more;
        return all;
    }
}
